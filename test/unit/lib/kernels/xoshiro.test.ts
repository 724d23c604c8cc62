import { describe, expect, it } from "vitest";
import { blockState, jump, mix32, nextU32 } from "../../../../lib/kernels/xoshiro.js";

// Independent BigInt transcription of the reference C code (prng.di.unimi.it/xoshiro128starstar.c).
const M32 = 0xffffffffn;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
function refNext(s: bigint[]): bigint {
  const result = (rotl((s[1] * 5n) & M32, 7n) * 9n) & M32;
  const t = (s[1] << 9n) & M32;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11n);
  return result;
}
function refJump(s: bigint[]): void {
  const JUMP = [0x8764000bn, 0xf542d2d3n, 0x6fa035c3n, 0x77f2db5bn];
  const acc = [0n, 0n, 0n, 0n];
  for (const w of JUMP) for (let b = 0n; b < 32n; b++) {
    if ((w >> b) & 1n) for (let i = 0; i < 4; i++) acc[i] ^= s[i];
    refNext(s);
  }
  for (let i = 0; i < 4; i++) s[i] = acc[i];
}

describe("xoshiro128**", () => {
  it("matches the reference C implementation's outputs from state {1, 2, 3, 4}", () => {
    const s = Uint32Array.of(1, 2, 3, 4);
    const got = Array.from({ length: 10 }, () => nextU32(s));
    // Published first outputs of xoshiro128** seeded {1, 2, 3, 4}.
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it("matches the BigInt reference over 100k steps from an arbitrary state", () => {
    const s = Uint32Array.of(0xdeadbeef, 0x01234567, 0x89abcdef, 0xfeedface);
    const r = Array.from(s, BigInt);
    for (let i = 0; i < 100_000; i++) expect(nextU32(s)).toBe(Number(refNext(r)));
    expect(Array.from(s, BigInt)).toEqual(r);
  });

  it("jump() equals the reference jump (2^64 steps ahead)", () => {
    const s = Uint32Array.of(1, 2, 3, 4), r = [1n, 2n, 3n, 4n];
    jump(s); refJump(r);
    expect(Array.from(s, BigInt)).toEqual(r);
    expect(nextU32(s)).toBe(Number(refNext(r)));
  });

  it("block states are distinct across blocks and keys, and never all zero", () => {
    const seen = new Set<string>();
    const s = new Uint32Array(4);
    for (let k = 0; k < 20; k++) for (let b = 0; b < 500; b++) {
      blockState(k, k * 7, b, s);
      expect(s.some((w) => w !== 0)).toBe(true);
      seen.add(s.join(","));
    }
    expect(seen.size).toBe(20 * 500);
  });

  it("mix32 is a bijection sample: no collisions over 2^16 consecutive inputs", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 65536; i++) seen.add(mix32(i));
    expect(seen.size).toBe(65536);
  });
});
