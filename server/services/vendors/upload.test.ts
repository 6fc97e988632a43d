import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "@/lib/work-orders";
import { checkUpload, neutraliseName } from "./upload";

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number) => u32be(n).reverse();
const file = (head: number[], size = 256) => {
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head);
  return bytes;
};
const text = (s: string) => new TextEncoder().encode(s);

const jpeg = (size = 256) =>
  file([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii("JFIF"), 0x00, 0x01, 0x01, 0x00], size);
const png = () =>
  file(
    [
      0x89,
      ...ascii("PNG"),
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...u32be(13),
      ...ascii("IHDR"),
      ...u32be(1),
      ...u32be(1),
      8,
      2,
      0,
      0,
      0,
      ...u32be(0),
      ...u32be(0),
      ...ascii("IEND"),
      0xae,
      0x42,
      0x60,
      0x82,
    ],
    0,
  );
const webp = () => file([...ascii("RIFF"), ...u32le(40), ...ascii("WEBPVP8 "), ...u32le(20)], 48);
const heic = () =>
  file([...u32be(24), ...ascii("ftypheic"), ...u32be(0), ...ascii("mif1heic")], 64);
const pdf = () =>
  text("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

async function expectOk(bytes: Uint8Array, name: string, mime: string, safeName: string) {
  expect(await checkUpload({ bytes, declaredName: name })).toEqual({
    ok: true,
    mime,
    ext: safeName.split(".").pop(),
    safeName,
  });
}
async function errorOf(bytes: Uint8Array, name = "photo.jpg", declaredType = "image/jpeg") {
  const r = await checkUpload({ bytes, declaredName: name, declaredType });
  expect(r.ok).toBe(false);
  return r.ok ? "" : r.error;
}

describe("upload checks", () => {
  it("accepts JPEG, PNG, WebP, HEIC and PDF by their bytes", async () => {
    await expectOk(jpeg(), "site photo.jpeg", "image/jpeg", "site photo.jpg");
    await expectOk(png(), "panel.png", "image/png", "panel.png");
    await expectOk(webp(), "door.webp", "image/webp", "door.webp");
    await expectOk(heic(), "IMG_0042.HEIC", "image/heic", "IMG_0042.heic");
    await expectOk(pdf(), "invoice.pdf", "application/pdf", "invoice.pdf");
  });

  it("names the file after its content, whatever it was called", async () => {
    await expectOk(pdf(), "report.jpg", "application/pdf", "report.pdf");
    await expectOk(jpeg(), "notes.html", "image/jpeg", "notes.jpg");
    await expectOk(png(), "setup.exe", "image/png", "setup.png");
  });

  it("rejects HTML dressed as a photo", async () => {
    const html = text(
      "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
    );
    expect(await errorOf(html)).toContain("not an image or PDF (looks like text/html)");
    expect(await errorOf(text("  <script>fetch('/x')</script>"))).toContain("looks like text/html");
  });

  it("rejects SVG, which can carry script", async () => {
    const svg = text(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(await errorOf(svg, "logo.png", "image/png")).toContain("looks like image/svg+xml");
    expect(await errorOf(text("<svg onload=alert(1)>"))).toContain("looks like image/svg+xml");
  });

  it("rejects a program renamed .jpg", async () => {
    const exe = file([...ascii("MZ"), 0x90, 0x00, 0x03], 512);
    expect(await errorOf(exe)).toContain(
      "not an image or PDF (looks like application/x-msdownload)",
    );
    const elf = file([0x7f, ...ascii("ELF"), 2, 1, 1], 512);
    expect(await errorOf(elf)).toContain("looks like application/x-elf");
  });

  it("rejects other images and plain text, and says which", async () => {
    expect(await errorOf(file(ascii("GIF89a")))).toContain(
      "image type is not accepted (image/gif)",
    );
    expect(await errorOf(text("just some notes"))).toContain("looks like text/plain");
    expect(await errorOf(file([0x00, 0x01, 0x02, 0x03, 0xfe]))).toContain("type not recognised");
  });

  it("rejects an empty file", async () => {
    expect(await errorOf(new Uint8Array(0))).toContain("empty");
  });

  it("takes exactly 10 MB and refuses one byte more", async () => {
    expect((await checkUpload({ bytes: jpeg(MAX_UPLOAD_BYTES), declaredName: "a.jpg" })).ok).toBe(
      true,
    );
    expect(await errorOf(jpeg(MAX_UPLOAD_BYTES + 1))).toContain("larger than 10 MB");
  });
});

describe("file names", () => {
  it("keeps only the last path segment", () => {
    expect(neutraliseName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(neutraliseName("..\\..\\windows\\system32\\cmd.exe", "jpg")).toBe("cmd.jpg");
    expect(neutraliseName("C:\\Users\\me\\Desktop\\site.pdf", "pdf")).toBe("site.pdf");
    expect(neutraliseName("a\uff0fb\uff3cc.png", "png")).toBe("c.png");
  });

  it("removes control and direction-override characters", () => {
    expect(neutraliseName("invoice\u202Efdp.exe", "jpg")).toBe("invoicefdp.jpg");
    expect(neutraliseName("pho\u0000to\r\n\u200B\u2066.jpg", "jpg")).toBe("photo.jpg");
  });

  it("drops leading dots and odd characters, keeps a readable stem", () => {
    expect(neutraliseName(".htaccess", "pdf")).toBe("attachment.pdf");
    expect(neutraliseName("...hidden photo.jpg", "jpg")).toBe("hidden photo.jpg");
    expect(neutraliseName('a"b<c>d|e:f*g?.png', "png")).toBe("a_b_c_d_e_f_g.png");
    expect(neutraliseName("Boiler room (2)  v1.2 final.jpg", "jpg")).toBe(
      "Boiler room _2_ v1.2 final.jpg",
    );
    expect(neutraliseName("Wärmepumpe Gebäude-B_03.jpeg", "jpg")).toBe(
      "Wärmepumpe Gebäude-B_03.jpg",
    );
    expect(neutraliseName("report.pdf.   ", "pdf")).toBe("report.pdf");
  });

  it("forces the sniffed extension", () => {
    expect(neutraliseName("photo.jpg.exe", "jpg")).toBe("photo.jpg.jpg");
    expect(neutraliseName("scan", "pdf")).toBe("scan.pdf");
    expect(neutraliseName("scan.PDF", "PDF")).toBe("scan.pdf");
  });

  it("falls back to attachment for an empty stem", () => {
    for (const n of ["", ".jpg", "../", "\u202E", "???", "   ", "//.."])
      expect(neutraliseName(n, "jpg")).toBe("attachment.jpg");
  });

  it("guards Windows device names", () => {
    expect(neutraliseName("CON.jpg", "jpg")).toBe("file-CON.jpg");
    expect(neutraliseName("lpt1", "pdf")).toBe("file-lpt1.pdf");
  });

  it("limits the name to 100 characters without splitting a character", () => {
    const long = neutraliseName(`${"a".repeat(300)}.pdf`, "pdf");
    expect(long).toHaveLength(100);
    expect(long.endsWith("a.pdf")).toBe(true);
    // U+20000 is a letter outside the BMP (two UTF-16 units); cut by characters, not units
    const wide = neutraliseName(`${"\u{20000}".repeat(120)}.png`, "png");
    expect(wide).toBe(`${"\u{20000}".repeat(96)}.png`);
  });
});
