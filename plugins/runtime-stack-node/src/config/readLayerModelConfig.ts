import type { Config } from '@backstage/config';
import type {
  LayerModelExtension,
  RuntimeCapability,
  RuntimeTool,
} from '@internal/backstage-plugin-runtime-stack-common';

const ROOT = 'runtimeStack.layerModel';
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// What @backstage/config accepts as one part of a key; capability ids are
// map keys below, and one starting with a digit could not be read back.
const CONFIG_KEY_PART = /^[a-z][a-z0-9]*(?:[-_:][a-z0-9]+)*$/i;

/**
 * Reads the platform team's changes to the layer model from
 * `runtimeStack.layerModel` in app-config: new capabilities, extra tools,
 * overrides of existing capabilities (and of which tools their tools run)
 * and layer titles. Ids and structure are checked here, so an error names
 * the config key; whether the ids exist in the model is checked by
 * `extendLayerModel`.
 *
 * @public
 */
export function readLayerModelExtensionFromConfig(
  config: Config,
): LayerModelExtension {
  const model = config.getOptionalConfig(ROOT);
  if (!model) {
    return {};
  }
  rejectUnknownKeys(
    model,
    ['capabilities', 'tools', 'overrides', 'layerTitles'],
    ROOT,
  );

  const extension: LayerModelExtension = {};
  const capabilities = model.getOptionalConfigArray('capabilities');
  if (capabilities) {
    extension.capabilities = capabilities.map((c, i) =>
      readCapability(c, `${ROOT}.capabilities[${i}]`),
    );
  }
  const tools = model.getOptionalConfig('tools');
  if (tools) {
    extension.tools = Object.fromEntries(
      idKeys(tools, `${ROOT}.tools`, 'capability').map(id => [
        id,
        tools
          .getConfigArray(id)
          .map((t, i) => readTool(t, `${ROOT}.tools.${id}[${i}]`)),
      ]),
    );
  }
  const overrides = model.getOptionalConfig('overrides');
  if (overrides) {
    extension.overrides = Object.fromEntries(
      idKeys(overrides, `${ROOT}.overrides`, 'capability').map(id => [
        id,
        readOverride(overrides.getConfig(id), `${ROOT}.overrides.${id}`),
      ]),
    );
  }
  if (model.has('layerTitles')) {
    extension.layerTitles = readLayerTitles(
      model.get('layerTitles'),
      `${ROOT}.layerTitles`,
    );
  }
  return extension;
}

function invalid(key: string, message: string): Error {
  return new Error(`Invalid config at '${key}': ${message}`);
}

// Config readers ignore keys they are not asked for, so without this a
// misspelt `titel` would silently change nothing.
function rejectUnknownKeys(config: Config, known: string[], path: string) {
  for (const key of config.keys()) {
    if (!known.includes(key)) {
      throw invalid(
        `${path}.${key}`,
        `unknown key (known keys are ${known.join(', ')})`,
      );
    }
  }
}

function readKebabId(config: Config, key: string, path: string): string {
  const value = config.getString(key);
  if (!KEBAB_CASE.test(value)) {
    throw invalid(
      `${path}.${key}`,
      `'${value}' must be kebab-case (a-z, 0-9, -)`,
    );
  }
  return value;
}

/** The keys of a map keyed by capability or tool ids, each checked. */
function idKeys(
  config: Config,
  path: string,
  what: 'capability' | 'tool',
): string[] {
  return config.keys().map(id => {
    if (!KEBAB_CASE.test(id) || !CONFIG_KEY_PART.test(id)) {
      throw invalid(
        `${path}.${id}`,
        `'${id}' is not a ${what} id (kebab-case, starting with a letter)`,
      );
    }
    return id;
  });
}

// Whether the ids name tools of the capability is checked by
// validateLayerModel, once the whole capability is known.
function readRuns(config: Config, path: string): string[] | undefined {
  const runs = config.getOptionalStringArray('runs');
  runs?.forEach((id, i) => {
    if (!KEBAB_CASE.test(id)) {
      throw invalid(
        `${path}.runs[${i}]`,
        `'${id}' must be a tool id (kebab-case, a-z, 0-9, -)`,
      );
    }
  });
  return runs;
}

function readTool(config: Config, path: string): RuntimeTool {
  rejectUnknownKeys(config, ['id', 'title', 'url', 'runs'], path);
  const id = readKebabId(config, 'id', path);
  const title = config.getString('title');
  const url = config.getOptionalString('url');
  if (url !== undefined && !URL.canParse(url)) {
    throw invalid(`${path}.url`, `'${url}' is not a URL`);
  }
  const runs = readRuns(config, path);
  return {
    id,
    title,
    ...(url !== undefined && { url }),
    ...(runs !== undefined && { runs }),
  };
}

function readCapability(
  config: Config,
  path: string,
): RuntimeCapability & { layer: number } {
  rejectUnknownKeys(
    config,
    [
      'layer',
      'id',
      'title',
      'description',
      'group',
      'optional',
      'providedByCluster',
      'tools',
    ],
    path,
  );
  const layer = config.getNumber('layer');
  if (!Number.isInteger(layer) || layer < 0) {
    throw invalid(`${path}.layer`, `${layer} is not a layer number`);
  }
  const id = readKebabId(config, 'id', path);
  const title = config.getString('title');
  const description = config.getString('description');
  const group = config.has('group')
    ? readKebabId(config, 'group', path)
    : undefined;
  const optional = config.getOptionalBoolean('optional');
  const providedByCluster = config.getOptionalBoolean('providedByCluster');
  const tools = (config.getOptionalConfigArray('tools') ?? []).map((t, i) =>
    readTool(t, `${path}.tools[${i}]`),
  );
  return {
    layer,
    id,
    title,
    description,
    ...(group !== undefined && { group }),
    ...(optional !== undefined && { optional }),
    ...(providedByCluster !== undefined && { providedByCluster }),
    tools,
  };
}

function readOverride(
  config: Config,
  path: string,
): NonNullable<LayerModelExtension['overrides']>[string] {
  rejectUnknownKeys(
    config,
    ['title', 'description', 'optional', 'providedByCluster', 'tools'],
    path,
  );
  const title = config.getOptionalString('title');
  const description = config.getOptionalString('description');
  const optional = config.getOptionalBoolean('optional');
  const providedByCluster = config.getOptionalBoolean('providedByCluster');
  const tools = config.getOptionalConfig('tools');
  return {
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    ...(optional !== undefined && { optional }),
    ...(providedByCluster !== undefined && { providedByCluster }),
    ...(tools && { tools: readToolOverrides(tools, `${path}.tools`) }),
  };
}

// Keyed by tool id; only `runs` can change, a tool's title is the same in
// every capability and is set where the tool is first listed.
function readToolOverrides(
  config: Config,
  path: string,
): Record<string, { runs?: string[] }> {
  return Object.fromEntries(
    idKeys(config, path, 'tool').map(id => {
      const tool = config.getConfig(id);
      rejectUnknownKeys(tool, ['runs'], `${path}.${id}`);
      const runs = readRuns(tool, `${path}.${id}`);
      return [id, runs !== undefined ? { runs } : {}];
    }),
  );
}

// Read as plain data: layer numbers are not valid config key parts, so the
// typed getters of Config cannot address them.
function readLayerTitles(value: unknown, path: string): Record<number, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, 'must be a map from layer number to title');
  }
  const titles: Record<number, string> = {};
  for (const [key, title] of Object.entries(value)) {
    if (!/^\d+$/.test(key)) {
      throw invalid(`${path}.${key}`, `'${key}' is not a layer number`);
    }
    if (typeof title !== 'string' || title.trim() === '') {
      throw invalid(`${path}.${key}`, 'must be a non-empty string');
    }
    titles[Number(key)] = title;
  }
  return titles;
}
