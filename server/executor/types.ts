export type Trigger = { event: string; expression?: string } | { cron: string };

export type RegisteredFunction = {
  id: string;
  appId: string;
  name: string;
  triggers: Trigger[];
  url: string;
  retries: number;
  /** `priority.run`: a CEL expression giving seconds to move a run ahead (+) or behind (-) */
  priority?: string | null;
};

export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
};

export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown> | null;
  data?: unknown;
  error?: { name?: string; message?: string; stack?: string } | null;
};

export type Memo = Record<string, { data: unknown } | { error: unknown }>;
