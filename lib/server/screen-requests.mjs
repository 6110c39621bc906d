// Everything the web server does before Next sees a request, wired onto a Node HTTP server, so a
// test can put the same screens in front of a stand-in for Next.
import { answerClientError, refuseConnect, refuseMethod } from "./http-methods.mjs";
import { answerProblem } from "./problem.mjs";
import { isServerActionRequest, screenServerAction } from "./server-action-screen.mjs";
import { markTransport, setTransportHeaders } from "./transport.mjs";

/**
 * @typedef {import("node:http").IncomingMessage} IncomingMessage
 * @typedef {import("node:http").ServerResponse} ServerResponse
 * @typedef {(request: IncomingMessage, response: ServerResponse) => unknown} Handler
 */

/**
 * @param {Handler} handle Next's request handler
 * @returns {(request: IncomingMessage, response: ServerResponse, options?: { expectsContinue?: boolean }) => Promise<void>}
 */
function screened(handle) {
  return async (request, response, { expectsContinue = false } = {}) => {
    try {
      if (refuseMethod(request, response)) return;
      markTransport(request);
      setTransportHeaders(request, response);
      if (isServerActionRequest(request)) {
        const checked = await screenServerAction(request, response, { expectsContinue });
        if (checked) await handle(checked, response);
        return;
      }
      if (expectsContinue) response.writeContinue();
      await handle(request, response);
    } catch (error) {
      console.error("web server: unexpected error before the app answered", error);
      if (!response.headersSent) answerProblem(response, 500, "Something went wrong on our side.", { close: true });
      else response.destroy();
    }
  };
}

/**
 * Puts the screens in front of `handle` on `server`.
 * @param {import("node:http").Server} server
 * @param {Handler} handle
 */
export function attachScreens(server, handle) {
  const serve = screened(handle);
  server.on("request", (request, response) => void serve(request, response));
  // "Expect: 100-continue": an oversized or cross-site server action is refused before its body is sent.
  server.on("checkContinue", (request, response) => void serve(request, response, { expectsContinue: true }));
  server.on("connect", refuseConnect);
  server.on("clientError", answerClientError);
}
