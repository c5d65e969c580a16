import { callbackCodec } from "../../src/callbacks/codec.js";

const codec = callbackCodec("mem", ["open", "remove"] as const, ["branch", "member"] as const);

describe("callback data codec", () => {
  it("round-trips well-formed data", () => {
    const text = codec.pack({ action: "remove", branch: 3, member: 42 });
    expect(text).toBe("mem:remove:3:42");
    expect(codec.parse(text)).toEqual({ action: "remove", branch: 3, member: 42 });
  });
  it.each([
    ["garbage", "hello"],
    ["unknown action", "mem:drop:3:42"],
    ["wrong prefix", "inv:remove:3:42"],
    ["missing field", "mem:remove:3"],
    ["extra field", "mem:remove:3:42:1"],
    ["not a number", "mem:remove:x:42"],
    ["negative", "mem:remove:-3:42"],
    ["fraction", "mem:remove:3.5:42"],
    ["over-long", "mem:remove:3:" + "9".repeat(70)],
    ["undefined", undefined],
    ["empty number", "mem:remove::42"],
    ["hexadecimal", "mem:remove:0x10:42"],
    ["exponent", "mem:remove:1e1:42"],
    ["padded", "mem:remove: 3:42"],
    ["signed", "mem:remove:+3:42"],
    ["leading zero", "mem:remove:03:42"],
    ["over 2^31", "mem:remove:3:2147483649"],
  ])("refuses %s", (_label, data) => {
    expect(codec.parse(data)).toBeNull();
  });
});
