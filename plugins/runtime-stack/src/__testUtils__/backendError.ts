import { HttpResponse } from 'msw';

/**
 * A failure as a Backstage backend answers it: the error's name and message
 * in the body, which the client's ResponseError carries as its cause.
 */
export const backendError = (
  name: string,
  message: string,
  statusCode: number,
) =>
  HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode },
    },
    { status: statusCode },
  );
