import crypto from 'node:crypto';
import { canonicalJson } from '../hash-chain';

/** A stream's head as a checkpoint signs it: the stream, its version and the hash of the event at that version. */
export interface StreamHead {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);
const sha256 = (...parts: Buffer[]): Buffer => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();

/** RFC 6962 leaf hash (0x00 before the leaf, so that no leaf can pass for an inner node). */
export const headLeafHash = (head: StreamHead): Buffer =>
  sha256(leafPrefix, Buffer.from(canonicalJson([head.streamId, head.version, head.hash]), 'utf8'));

/**
 * The Merkle tree hash of RFC 6962 (certificate transparency's), built one leaf at a time with
 * memory for log2(n) subtrees: the perfect subtrees of the leaves so far, largest first. Folding
 * them from the right gives the tree that splits at the largest power of two below n, as the RFC
 * defines it, so any implementation of the RFC computes the same root from the same heads.
 */
export class MerkleRoot {
  private readonly subtrees: { size: number; hash: Buffer }[] = [];
  private leaves = 0;

  add(leaf: Buffer): void {
    let node = { size: 1, hash: leaf };
    while (this.subtrees.length > 0 && this.subtrees[this.subtrees.length - 1].size === node.size) {
      const left = this.subtrees.pop()!;
      node = { size: left.size * 2, hash: sha256(nodePrefix, left.hash, node.hash) };
    }
    this.subtrees.push(node);
    this.leaves++;
  }

  addHead(head: StreamHead): void {
    this.add(headLeafHash(head));
  }

  get size(): number {
    return this.leaves;
  }

  /** Hex root; the hash of the empty string for no leaves (RFC 6962). */
  root(): string {
    if (this.subtrees.length === 0) return sha256().toString('hex');
    let hash = this.subtrees[this.subtrees.length - 1].hash;
    for (let i = this.subtrees.length - 2; i >= 0; i--) hash = sha256(nodePrefix, this.subtrees[i].hash, hash);
    return hash.toString('hex');
  }
}

/**
 * Stream-id order as the port gives it and the tree's leaves follow: by UTF-8 bytes, i.e. by code
 * point (PostgreSQL's "C" collation). JavaScript's `<` compares UTF-16 code units, which differs
 * only where a surrogate meets a character above U+E000; those two ranges are swapped back here.
 */
export const compareStreamIds = (a: string, b: string): number => {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
};
