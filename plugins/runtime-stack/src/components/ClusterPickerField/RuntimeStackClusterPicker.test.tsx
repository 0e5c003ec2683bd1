import { coreApis } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  createFieldValidation,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import type { ClusterSummary } from '@internal/backstage-plugin-runtime-stack-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { runtimeStackApiRef, type RuntimeStackApi } from '../../api';
import { RuntimeStackClusterPicker } from './RuntimeStackClusterPicker';
import {
  clusterPickerFieldExtension,
  runtimeStackClusterPickerFieldOptions,
} from './extensions';
import { scaffolderFieldProps } from '../../__testUtils__/scaffolderFieldProps';
import { backendError } from '../../__testUtils__/backendError';
import {
  baseUrl,
  runtimeStackTestApi,
} from '../../__testUtils__/runtimeStackClient';
import { http } from 'msw';
import { setupServer } from 'msw/node';

const pickerProps = (formData?: string, required = false) =>
  scaffolderFieldProps<string>({
    name: 'cluster',
    uiField: 'RuntimeStackClusterPicker',
    schema: {
      type: 'string',
      title: 'Cluster',
      description: 'Where the service will run.',
    },
    formData,
    required,
  });

const summary = (
  name: string,
  tools: number,
  freshness: Partial<ClusterSummary> = {},
): ClusterSummary => ({
  name,
  stale: false,
  lastSuccessAt: new Date().toISOString(),
  warnings: [],
  objectCount: 10,
  platformTools: Array.from({ length: tools }, (_, i) => ({
    tool: `tool-${i}`,
    capability: 'cni-networking',
    layer: 3,
    evidence: [],
  })) as ClusterSummary['platformTools'],
  ...freshness,
});

/** The select once the clusters are listed (disabled while they load). */
async function loadedSelect(): Promise<HTMLElement> {
  const select = await screen.findByRole('button', { name: /Cluster/ });
  await waitFor(() => expect(select).not.toHaveAttribute('aria-disabled'));
  return select;
}

const withClusters = (getClusters: RuntimeStackApi['getClusters']) => ({
  apis: [[runtimeStackApiRef, { getClusters }]] as const,
});

describe('RuntimeStackClusterPicker', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  it('offers the collected clusters with their platform and freshness, and "decide later"', async () => {
    const { props, onChange } = pickerProps();
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => [
        summary('prod-eu-1', 12),
        summary('lab', 1),
        summary('staging-eu-1', 0, { stale: true, lastSuccessAt: undefined }),
      ]),
    );
    const select = await loadedSelect();
    expect(select).toHaveTextContent('Decide later');
    // Above "Decide later", not over it.
    expect(screen.getByText('Cluster', { selector: 'label' })).toHaveAttribute(
      'data-shrink',
      'true',
    );
    fireEvent.mouseDown(select);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Decide laterthe coverage preview then shows only what the choices bring',
      'prod-eu-112 platform tools · current',
      'lab1 platform tool · current',
      'staging-eu-10 platform tools · not collected yet',
    ]);
    fireEvent.click(options[1]);
    expect(onChange).toHaveBeenLastCalledWith('prod-eu-1');
  });

  it('clears the choice with "decide later"', async () => {
    const { props, onChange } = pickerProps('prod-eu-1');
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => [summary('prod-eu-1', 3)]),
    );
    const select = await loadedSelect();
    expect(select).toHaveTextContent('prod-eu-1');
    fireEvent.mouseDown(select);
    fireEvent.click(screen.getByRole('option', { name: /Decide later/ }));
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('offers no "decide later" when the template requires a cluster', async () => {
    const { props } = pickerProps(undefined, true);
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => [summary('prod-eu-1', 3)]),
    );
    const select = await loadedSelect();
    // Nothing chosen yet, and no "decide later" to have chosen.
    expect(select).not.toHaveTextContent('Decide later');
    expect(select.textContent?.trim().replace(/\u200b/g, '')).toBe('');
    fireEvent.mouseDown(select);
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.getAttribute('data-value')),
    ).toEqual(['prod-eu-1']);
  });

  it('keeps showing the chosen cluster while the list loads', async () => {
    const { props } = pickerProps('prod-eu-1');
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(() => new Promise(() => {})),
    );
    const select = await screen.findByRole('button', { name: /Cluster/ });
    expect(select).toHaveAttribute('aria-disabled', 'true');
    expect(select).toHaveTextContent('prod-eu-1');
    expect(select).not.toHaveTextContent('Decide later');
  });

  it('names a chosen cluster the portal does not know, with those it does', async () => {
    const { props } = pickerProps('prod-mars-1');
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => [summary('prod-eu-1', 3), summary('lab', 1)]),
    );
    expect(
      await screen.findByText(
        "No cluster named 'prod-mars-1': the portal knows prod-eu-1, lab. The preview cannot show what it gives.",
      ),
    ).toBeInTheDocument();
    // Told to whoever lands on the select, not only shown beneath it.
    expect(await loadedSelect()).toHaveAccessibleDescription(
      "No cluster named 'prod-mars-1': the portal knows prod-eu-1, lab. The preview cannot show what it gives.",
    );
  });

  it('says where clusters come from when none is listed, and that the choice can wait', async () => {
    const { props } = pickerProps();
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => []),
    );
    const select = await loadedSelect();
    expect(select).toHaveTextContent('Decide later');
    expect(
      screen.getByText(
        /^No cluster is listed yet: .*kubernetes\.clusterLocatorMethods/,
      ),
    ).toHaveTextContent(/Leave "Decide later" until the platform team adds/);
  });

  it('says where clusters come from when none is listed and the template requires one', async () => {
    const { props } = pickerProps(undefined, true);
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => []),
    );
    await loadedSelect();
    const hint = screen.getByText(
      /^No cluster is listed yet: .*kubernetes\.clusterLocatorMethods/,
    );
    expect(hint).toHaveTextContent(/Ask the platform team to add the one/);
    expect(hint).not.toHaveTextContent(/Decide later/);
  });

  it('keeps an option for a chosen cluster the list lacks', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { props } = pickerProps('prod-mars-1');
      await renderInTestApp(
        <RuntimeStackClusterPicker {...props} />,
        withClusters(async () => [summary('prod-eu-1', 3)]),
      );
      const select = await loadedSelect();
      expect(select).toHaveTextContent('prod-mars-1');
      fireEvent.mouseDown(select);
      expect(
        within(screen.getByRole('listbox'))
          .getAllByRole('option')
          .map(o => o.getAttribute('data-value')),
      ).toEqual(['', 'prod-mars-1', 'prod-eu-1']);
      expect(warn).not.toHaveBeenCalledWith(
        expect.stringMatching(/out-of-range value/),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('lets a name be typed when the clusters cannot be listed, and lists them on a retry', async () => {
    const { props, onChange } = pickerProps();
    let fail = true;
    await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      withClusters(async () => {
        if (fail) throw new Error('502 Bad Gateway');
        return [summary('prod-eu-1', 3)];
      }),
    );
    expect(
      await screen.findByText(
        /^Could not list the clusters \(502 Bad Gateway\): type the name of the one the service will run on, or try again\./,
      ),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: 'Cluster' }), {
      target: { value: ' prod-eu-1 ' },
    });
    expect(onChange).toHaveBeenLastCalledWith('prod-eu-1');

    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    fireEvent.mouseDown(await loadedSelect());
    expect(
      await screen.findByRole('option', { name: /prod-eu-1/ }),
    ).toBeInTheDocument();
  });

  it("says why the backend refused the list, in the backend's words", async () => {
    server.use(
      http.get(`${baseUrl}/clusters`, () =>
        backendError(
          'NotAllowedError',
          'Reading clusters is not allowed for you',
          403,
        ),
      ),
    );
    const { props } = pickerProps();
    await renderInTestApp(<RuntimeStackClusterPicker {...props} />, {
      apis: [runtimeStackTestApi()],
    });
    expect(
      await screen.findByText(
        'You may not list the clusters (Reading clusters is not allowed for you): that takes the runtime-stack.clusters.read permission. Leave the field empty to decide later, or type the name of the cluster, which cannot be checked.',
      ),
    ).toBeInTheDocument();
    // Asking again would meet the same refusal.
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('asks for the permission where the template requires a cluster', async () => {
    server.use(
      http.get(`${baseUrl}/clusters`, () =>
        backendError('NotAllowedError', 'Not allowed', 403),
      ),
    );
    const { props } = pickerProps(undefined, true);
    await renderInTestApp(<RuntimeStackClusterPicker {...props} />, {
      apis: [runtimeStackTestApi()],
    });
    expect(
      await screen.findByText(/^You may not list the clusters \(Not allowed\)/),
    ).toHaveTextContent(/Ask the platform team for it, or type the name/);
  });

  it('turns a typed name red only on the errors of the form', async () => {
    const failing = withClusters(async () => {
      throw new Error('503 Service Unavailable');
    });
    const { props } = pickerProps('prod-eu-1');
    const { unmount } = await renderInTestApp(
      <RuntimeStackClusterPicker {...props} />,
      failing,
    );
    const field = await screen.findByRole('textbox', { name: 'Cluster' });
    expect(field).not.toHaveAttribute('aria-invalid', 'true');
    unmount();

    await renderInTestApp(
      <RuntimeStackClusterPicker
        {...props}
        rawErrors={["No cluster named 'prod-eu-1'"]}
      />,
      failing,
    );
    expect(
      await screen.findByRole('textbox', { name: 'Cluster' }),
    ).toHaveAttribute('aria-invalid', 'true');
  });

  describe('validation', () => {
    /** The form's errors for `value` through a field's `validation`. */
    const validateWith = async (
      validation: CustomFieldValidator<string> | undefined,
      value: string | undefined,
      getClusters: RuntimeStackApi['getClusters'],
    ) => {
      if (!validation) throw new Error('The field has no validation');
      const field = createFieldValidation();
      const apis = new Map<string, unknown>([
        [runtimeStackApiRef.id, { getClusters }],
        [coreApis.translation.id, mockApis.translation()],
      ]);
      await validation(value as string, field, {
        apiHolder: { get: (ref: { id: string }) => apis.get(ref.id) } as any,
        formData: {},
        schema: {},
      });
      return field.__errors ?? [];
    };
    const validate = (
      value: string | undefined,
      getClusters: RuntimeStackApi['getClusters'],
    ) =>
      validateWith(
        runtimeStackClusterPickerFieldOptions.validation,
        value,
        getClusters,
      );
    const listed = async () => [summary('prod-eu-1', 3), summary('lab', 1)];

    it('refuses a cluster the portal does not list, naming those it does', async () => {
      expect(await validate('prod-mars-1', listed)).toEqual([
        "No cluster named 'prod-mars-1': the portal knows prod-eu-1, lab. Pick one of them.",
      ]);
      expect(await validate('prod-mars-1', async () => [])).toEqual([
        "No cluster named 'prod-mars-1': the portal knows no cluster yet. Ask the platform team to add the one the service will run on.",
      ]);
    });

    it('accepts a listed cluster and "decide later"', async () => {
      expect(await validate('lab', listed)).toEqual([]);
      expect(await validate(undefined, listed)).toEqual([]);
    });

    it('leaves a typed name unchecked when the list cannot be read', async () => {
      expect(
        await validate('prod-eu-1', async () => {
          throw new Error('403 Forbidden');
        }),
      ).toEqual([]);
    });

    it('validates the same in the new frontend system', async () => {
      const loader = createExtensionTester(clusterPickerFieldExtension).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      );
      // The field's options, as the scaffolder's form fields API reads them.
      const field = (await loader()) as unknown as {
        name: string;
        validation?: CustomFieldValidator<string>;
      };
      expect(field.name).toBe('RuntimeStackClusterPicker');
      expect(
        await validateWith(field.validation, 'prod-mars-1', listed),
      ).toHaveLength(1);
    });
  });
});
