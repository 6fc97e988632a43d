"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";

/**
 * A QR code of `url` as an SVG image (drawn in the browser by `qrcode`, no network): sharp at
 * any print size. The image carries the URL it encodes in its alt text and `data-scan-url`.
 */
export function RosterQr({
  url,
  label,
  size = 208,
}: {
  url: string;
  label: string;
  size?: number;
}) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [url]);
  if (failed)
    return (
      <p role="alert" className="text-sm text-red-700">
        The code could not be drawn.
      </p>
    );
  if (!src)
    return (
      <div
        style={{ width: size, height: size }}
        className="grid place-items-center bg-slate-100 text-xs text-slate-500"
      >
        Drawing code…
      </div>
    );
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn here, nothing to optimise
    <img
      src={src}
      width={size}
      height={size}
      alt={`QR code for ${label}: ${url}`}
      data-scan-url={url}
      className="block"
    />
  );
}
