import { createHash } from "node:crypto";
import { InputError } from "../errors.js";

export interface Shard {
  index: number;
  count: number;
}

/** `--shard 2/5` → the second of five shards (1-based, as CI matrices and Indexed Jobs count… from 1 here). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard ${text} is not i/n with 1 ≤ i ≤ n`, { hint: "e.g. --shard 1/4 … --shard 4/4" });
  return { index, count };
}

/**
 * Whether a report belongs to a shard: by a hash of its name, so the split is the
 * same on every machine and does not move when other reports are added or removed.
 */
export function inShard(name: string, shard: Shard): boolean {
  const h = createHash("sha256").update(name).digest().readUInt32BE(0);
  return h % shard.count === shard.index - 1;
}
