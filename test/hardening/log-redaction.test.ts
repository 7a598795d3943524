import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

/** The logger's second line of defence: a credential that reaches a log call anyway is blanked out. */
describe("log redaction", () => {
  function capture(secrets: string[] = []) {
    const lines: string[] = [];
    const logger = createLogger("trace", { secrets, destination: { write: (line: string) => void lines.push(line) } });
    return { logger, text: () => lines.join("") };
  }

  it("blanks a configured credential wherever it appears: message, nested field, error message and stack", () => {
    const { logger, text } = capture(["vendor-key-4242"]);
    logger.info({ call: { note: "sent vendor-key-4242" } }, "key vendor-key-4242 in the message");
    logger.error({ err: new Error("refused vendor-key-4242") }, "failed");
    expect(text()).not.toContain("vendor-key-4242");
    expect(text()).toContain("[redacted]");
    expect(text()).toContain('"type":"Error"');
  });

  it("blanks token query parameters (Komet's authenticationToken) of any value, and bearer tokens", () => {
    const { logger, text } = capture();
    logger.warn(
      { url: "https://api.kometsales.com/api/customer.list?name=a&authenticationToken=tok-777&x=1" },
      "GET https://h/p?access_token=tok-888 with Bearer tok-999-0123abcd",
    );
    expect(text()).not.toMatch(/tok-777|tok-888|tok-999/);
    expect(text()).toContain("authenticationToken=[redacted]&x=1");
  });

  it("leaves words that only look like a scheme alone", () => {
    const { logger, text } = capture();
    logger.info({ customer: "Basic Foods Ltd" }, "renamed to Basic Foods Ltd");
    expect(text()).not.toContain("[redacted]");
  });

  it("blanks authorization and API key headers by path", () => {
    const { logger, text } = capture();
    logger.info({ headers: { authorization: "Basic abc", "x-api-key": "k-1", rpmapikey: "k-2" } }, "headers");
    expect(text()).not.toMatch(/abc|k-1|k-2/);
  });
});
