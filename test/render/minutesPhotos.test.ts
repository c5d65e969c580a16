// The 照片 line of a 会议记录, and reading a photo's format and size for embedding.
import { photoText } from "../../src/domain/minutes/index.js";
import { fitWithin, imageInfo } from "../../src/render/imageSize.js";
import { PNG_1x1 } from "../server/sandbox/helpers.js";

describe("照片 in a 会议记录", () => {
  it.each([
    [{ photos: 0 }, null],
    [{ photos: 2 }, "已存照片2张（见台账）"],
    [{ photos: 2, photosAttached: 2 }, "已存照片2张，附后"],
    [{ photos: 6, photosAttached: 4 }, "已存照片6张，附后4张（其余见台账）"],
    [{ photos: 3, photosAttached: 2, photosMissing: 1 }, "已存照片3张，附后2张【照片未能取回】"],
    [{ photos: 1, photosAttached: 0, photosMissing: 1 }, "已存照片1张【照片未能取回】"],
  ])("%j → %s", (ctx, expected) => {
    expect(photoText(ctx)).toBe(expected);
  });
});

describe("imageInfo", () => {
  it("reads a PNG's size and refuses bytes that are no image", () => {
    expect(imageInfo(PNG_1x1)).toEqual({ type: "png", width: 1, height: 1 });
    expect(imageInfo(Buffer.from("fake-jpeg-but-not-really-an-image"))).toBeNull();
  });

  it("fits a photo within the box keeping its proportions, never enlarging it", () => {
    expect(fitWithin({ width: 4000, height: 3000 }, 560, 340)).toEqual({ width: 453, height: 340 });
    expect(fitWithin({ width: 100, height: 50 }, 560, 340)).toEqual({ width: 100, height: 50 });
  });
});
