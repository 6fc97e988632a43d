import "server-only";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";

/**
 * Where attachment bytes live. Local disk by default (`.data/uploads`, or
 * WATCHFLOOR_UPLOAD_DIR); S3-compatible object storage when S3_BUCKET is set:
 *   S3_BUCKET, S3_ENDPOINT (MinIO, R2, … — omit for AWS), S3_REGION (default us-east-1),
 *   S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (else the SDK's usual credential chain),
 *   S3_PREFIX (key prefix, default "attachments/").
 * Keys are ours (`tenant/order/uuid.ext`); the bucket should not be public: files are served
 * only through the app, to those allowed to see the order.
 */
export type AttachmentStore = {
  kind: "local" | "s3";
  put(key: string, bytes: Uint8Array, mime: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
};

/** The local root: `.data/uploads` beside the app unless WATCHFLOOR_UPLOAD_DIR says otherwise. */
export function uploadRoot(): string {
  return (
    process.env.WATCHFLOOR_UPLOAD_DIR ??
    path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "uploads")
  );
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.[a-z0-9]{2,5}$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error("bad storage key");
  return key;
}

function localStore(): AttachmentStore {
  const fileFor = (key: string) => {
    const root = uploadRoot();
    const full = path.resolve(/*turbopackIgnore: true*/ root, checkKey(key));
    if (!full.startsWith(path.resolve(/*turbopackIgnore: true*/ root) + path.sep))
      throw new Error("bad storage key");
    return full;
  };
  return {
    kind: "local",
    async put(key, bytes) {
      const file = fileFor(key);
      await mkdir(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
      // written under a temporary name, then renamed: never a half-written file under the key
      await writeFile(/*turbopackIgnore: true*/ `${file}.part`, bytes, { flag: "wx" });
      await rename(/*turbopackIgnore: true*/ `${file}.part`, file);
    },
    async get(key) {
      return readFile(/*turbopackIgnore: true*/ fileFor(key));
    },
    async remove(key) {
      await rm(/*turbopackIgnore: true*/ fileFor(key), { force: true });
    },
  };
}

function s3Store(bucket: string): AttachmentStore {
  const endpoint = process.env.S3_ENDPOINT || undefined;
  const id = process.env.S3_ACCESS_KEY_ID;
  const secret = process.env.S3_SECRET_ACCESS_KEY;
  const client = new S3Client({
    region: process.env.S3_REGION || "us-east-1",
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}),
    // plain PUTs with a content checksum only where the service requires one: works with
    // every S3-compatible store, not only AWS
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const prefix = process.env.S3_PREFIX ?? "attachments/";
  const objectKey = (key: string) => `${prefix}${checkKey(key)}`;
  return {
    kind: "s3",
    async put(key, bytes, mime) {
      // one PUT: S3 stores an object whole or not at all
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: mime,
          ContentLength: bytes.byteLength,
        }),
      );
    },
    async get(key) {
      try {
        const res = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }),
        );
        if (!res.Body) throw new Error(`attachment ${key} has no body in the bucket`);
        return await res.Body.transformToByteArray();
      } catch (err) {
        if (err instanceof NoSuchKey)
          throw new Error(`attachment ${key} is missing from the bucket`);
        throw err;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
  };
}

let cached: { config: string; store: AttachmentStore } | null = null;

/** The configured store (re-read when the configuration changes, as tests do). */
export function attachmentStore(): AttachmentStore {
  const bucket = process.env.S3_BUCKET;
  const config = [bucket, process.env.S3_ENDPOINT, process.env.S3_PREFIX, uploadRoot()].join("|");
  if (cached?.config !== config)
    cached = { config, store: bucket ? s3Store(bucket) : localStore() };
  return cached.store;
}
