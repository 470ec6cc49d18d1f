#!/usr/bin/env python3
"""Writes the committed corpus of bad inputs that the HostileInputTest classes replay.

Each module gets src/test/resources/hostile/<format>/<case> files and one cases.tsv line per file:
    format <TAB> file <TAB> a fragment the error message must contain
Run from the worktree root; it rewrites the corpus from scratch (deterministic output).
"""
import json, os, shutil, struct, zlib, gzip, io, zipfile

cases = {}

def add(module, fmt, name, data, expect):
    d = f"{module}/src/test/resources/hostile/{fmt}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/{name}", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("latin-1"))
    cases.setdefault(module, []).append((fmt, name, expect))

# ---------------------------------------------------------------- safetensors
def st(header, data=b"", raw=None):
    h = raw if raw is not None else json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data
F4 = struct.pack("<f", 1.0)
S = "sdk-core"
add(S, "safetensors", "empty", b"", "only 0 bytes")
add(S, "safetensors", "short-length", b"\x05\x00\x00", "only 3 bytes")
add(S, "safetensors", "header-too-long", struct.pack("<Q", 1 << 40) + b"{}", "header length")
add(S, "safetensors", "header-over-100mb", struct.pack("<Q", 100_000_001) + b"{}" , "header length 100000001")
add(S, "safetensors", "negative-header", struct.pack("<q", -8) + b"{}", "header length -8")
add(S, "safetensors", "header-not-json", st(None, raw=b"{not json"), "not valid JSON")
add(S, "safetensors", "header-array", st([1, 2]), "expected a JSON object")
add(S, "safetensors", "invalid-utf8", st(None, raw=b'{"\xff\xfe":{}}'), "not valid UTF-8")
add(S, "safetensors", "duplicate-name", st(None, raw=b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', data=F4), "duplicate name 'w'")
add(S, "safetensors", "nan-in-header", st(None, raw=b'{"w":{"dtype":"F32","shape":[NaN],"data_offsets":[0,4]}}', data=F4), "not valid JSON")
add(S, "safetensors", "float-shape", st({"w": {"dtype": "F32", "shape": [8.9], "data_offsets": [0, 4]}}, F4), "shape[0]: expected a non-negative integer")
add(S, "safetensors", "float-integral-shape", st({"w": {"dtype": "F32", "shape": [1.0], "data_offsets": [0, 4]}}, F4), "shape[0]")
add(S, "safetensors", "string-shape", st({"w": {"dtype": "F32", "shape": ["1"], "data_offsets": [0, 4]}}, F4), "shape[0]")
add(S, "safetensors", "negative-shape", st({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}, F4), "shape[0]")
add(S, "safetensors", "overflow-shape", st({"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 4]}}, F4), "more bytes than a long")
add(S, "safetensors", "elementsize-overflow", st({"w": {"dtype": "F64", "shape": [2305843009213693952], "data_offsets": [0, 0]}}), "more bytes than a long")
add(S, "safetensors", "unknown-dtype", st({"w": {"dtype": "F8", "shape": [1], "data_offsets": [0, 1]}}, b"x"), "unsupported safetensors dtype 'F8'")
add(S, "safetensors", "dtype-number", st({"w": {"dtype": 4, "shape": [1], "data_offsets": [0, 4]}}, F4), "dtype must be a string")
add(S, "safetensors", "missing-offsets", st({"w": {"dtype": "F32", "shape": [1]}}, F4), "data_offsets")
add(S, "safetensors", "three-offsets", st({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4, 8]}}, F4), "data_offsets")
add(S, "safetensors", "span-mismatch", st({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}, F4), "needs 8 bytes")
add(S, "safetensors", "end-before-begin", st({"w": {"dtype": "F32", "shape": [0], "data_offsets": [4, 0]}}, F4), "end before they begin")
add(S, "safetensors", "offsets-past-end", st({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, F4), "file truncated?")
add(S, "safetensors", "gap", st({"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, F4 + F4), "a gap")
add(S, "safetensors", "overlap", st({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, F4 + F4), "overlaps")
add(S, "safetensors", "trailing-bytes", st({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, F4 + b"junk"), "4 bytes after the last tensor")
add(S, "safetensors", "metadata-number", st({"__metadata__": {"k": 1}}), "__metadata__.k: expected a string")
add(S, "safetensors", "metadata-array", st({"__metadata__": [1]}), "__metadata__ must be an object")
add(S, "safetensors", "entry-not-object", st({"w": 3}), "expected an object")
add(S, "safetensors", "deep-nesting", st(None, raw=b'{"w":' + b'[' * 300 + b']' * 300 + b'}'), "nested more than 256")
add(S, "safetensors", "trailing-json", st(None, raw=b'{} {}'), "unexpected content after")

# ---------------------------------------------------------------- bundles
base = "sdk-core/src/test/resources/dev/tessera/core/fuzz/ModelBundleFuzzTestInputs/loadFile/valid.tessera"
zf = zipfile.ZipFile(base)
good = {n: zf.read(n) for n in zf.namelist()}
cfg = json.loads(good["config.json"])
def bundle(entries, stored=()):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for n, d in entries.items():
            z.writestr(n, d, zipfile.ZIP_STORED if n in stored else zipfile.ZIP_DEFLATED)
    return b.getvalue()
def with_cfg(**kv):
    c = json.loads(good["config.json"])
    for k, v in kv.items():
        if "." in k:
            a, b2 = k.split(".")
            c[a][b2] = v
        elif v is None:
            c.pop(k, None)
        else:
            c[k] = v
    e = dict(good); e["config.json"] = json.dumps(c).encode()
    return bundle(e)
vb = open(base, "rb").read()
add(S, "bundle", "empty.tessera", b"", "not a readable .tessera bundle")
add(S, "bundle", "truncated.tessera", vb[: len(vb) // 2], "not a readable .tessera bundle")
add(S, "bundle", "text.tessera", "hello, not a zip\n", "not a readable .tessera bundle")
add(S, "bundle", "no-config.tessera", bundle({"model.safetensors": good["model.safetensors"]}), "missing entry 'config.json'")
add(S, "bundle", "no-weights.tessera", bundle({"config.json": good["config.json"]}), "missing entry 'model.safetensors'")
add(S, "bundle", "config-not-json.tessera", bundle({"config.json": b"{", "model.safetensors": good["model.safetensors"]}), "not valid JSON")
add(S, "bundle", "config-bad-utf8.tessera", bundle({"config.json": b'{"format":"\xff"}', "model.safetensors": good["model.safetensors"]}), "not valid UTF-8")
add(S, "bundle", "config-duplicate.tessera", bundle({"config.json": b'{"format":"tessera-bundle","format":"x"}', "model.safetensors": good["model.safetensors"]}), "duplicate name 'format'")
add(S, "bundle", "wrong-format.tessera", with_cfg(format="zip"), "not a Tessera bundle config")
add(S, "bundle", "no-version.tessera", with_cfg(format_version=None), "\"format_version\" must be an integer")
add(S, "bundle", "version-string.tessera", with_cfg(format_version="1"), "\"format_version\" must be an integer")
add(S, "bundle", "future-version.tessera", with_cfg(format_version=99), "newer than this SDK")
add(S, "bundle", "context-huge.tessera", with_cfg(**{"model.contextLength": 2000000000}), "contextLength (2000000000) must be at most")
add(S, "bundle", "vocab-float.tessera", with_cfg(**{"model.vocabSize": 8.5}), "expected an integer, found 8.5")
add(S, "bundle", "dmodel-huge.tessera", with_cfg(**{"model.dModel": 3000000000}), "out of range")
add(S, "bundle", "normeps-huge.tessera", with_cfg(**{"model.normEps": 1e30}), "normEps")
add(S, "bundle", "unknown-arch.tessera", with_cfg(**{"model.architecture": "LSTM"}), "architecture must be given")
add(S, "bundle", "layout-huge.tessera", with_cfg(layout={"framed": True, "modalities": {"a": 2000000000}}), "over 16777216 ids")
add(S, "bundle", "layout-mismatch.tessera", with_cfg(layout={"framed": False, "modalities": {"bytes": 9}}), "layout has 9 ids")
add(S, "bundle", "modalities-array.tessera", with_cfg(modalities=[1]), "\"modalities\" must be an object")
add(S, "bundle", "modality-not-in-layout.tessera", with_cfg(modalities={"images": "vision"}), "modality in the layout")
add(S, "bundle", "metadata-object.tessera", with_cfg(metadata={"k": {"x": 1}}), "metadata.k: expected a string")
e = dict(good); e["model.safetensors"] = good["model.safetensors"][:-8]
add(S, "bundle", "weights-truncated.tessera", bundle(e, stored=("model.safetensors",)), "model.safetensors")
import array
w = bytearray(good["model.safetensors"]); hl = struct.unpack("<Q", w[:8])[0]; w[8 + hl: 8 + hl + 4] = struct.pack("<f", float("nan"))
e = dict(good); e["model.safetensors"] = bytes(w)
add(S, "bundle", "nan-weight.tessera", bundle(e, stored=("model.safetensors",)), "is NaN; weights must be finite")
w[8 + hl: 8 + hl + 4] = struct.pack("<f", float("inf"))
e = dict(good); e["model.safetensors"] = bytes(w)
add(S, "bundle", "inf-weight.tessera", bundle(e, stored=("model.safetensors",)), "is Infinity; weights must be finite")
# zip bomb: 1 GiB+ of zeros deflates to ~1 MB; the declared size is honest, so the declared check fires
bomb = io.BytesIO()
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("config.json", good["config.json"])
    with z.open("model.safetensors", "w", force_zip64=True) as f:
        chunk = bytes(1 << 20)
        for _ in range(1025):
            f.write(chunk)
add(S, "bundle", "zip-bomb.tessera", bomb.getvalue(), "over the limit of 1073741824")
add(S, "bundle", "wrong-arch-weights.tessera", with_cfg(**{"model.architecture": "MODERN", "model.tiedHead": False}), "model.safetensors")

# ---------------------------------------------------------------- text
T = "modality-text"
def enc_bpe(enc, bpe):
    return (json.dumps(enc) if not isinstance(enc, (bytes, str)) else enc, bpe)
add(T, "tokenizer-json", "empty.json", "", "not valid JSON")
add(T, "tokenizer-json", "truncated.json", '{"model": {"type": "BPE", "vocab": {"a": 0', "not valid JSON")
add(T, "tokenizer-json", "array.json", "[1]", "expected a JSON object")
add(T, "tokenizer-json", "wordpiece.json", '{"model": {"type": "WordPiece", "vocab": {}}}', "only byte-level BPE")
add(T, "tokenizer-json", "no-model.json", '{"version": "1.0"}', "missing object 'model'")
add(T, "tokenizer-json", "bool-array.json", '{"model": {"type": "BPE", "ignore_merges": [1,2,3,4], "vocab": {}}, "pre_tokenizer": {"type": "ByteLevel"}}', "must be true or false")
add(T, "tokenizer-json", "huge-id.json", '{"model": {"type": "BPE", "vocab": {"a": 2147483646}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "has id 2147483646 but there are only 1 tokens")
add(T, "tokenizer-json", "float-id.json", '{"model": {"type": "BPE", "vocab": {"a": 0.5}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "not a non-negative integer")
add(T, "tokenizer-json", "duplicate-token.json", '{"model": {"type": "BPE", "vocab": {"a": 0, "a": 1}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "duplicate name 'a'")
add(T, "tokenizer-json", "shared-id.json", '{"model": {"type": "BPE", "vocab": {"a": 0, "b": 0}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "share id 0")
add(T, "tokenizer-json", "gap.json", '{"model": {"type": "BPE", "vocab": {"a": 0, "b": 2, "c": 3}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "has id 3 but there are only 3 tokens")
add(T, "tokenizer-json", "bad-merge.json", '{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [42]}, "pre_tokenizer": {"type": "ByteLevel"}}', "merge #0")
add(T, "tokenizer-json", "no-pretokenizer.json", '{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}}', "pre_tokenizer must be")
add(T, "tokenizer-json", "normalizer.json", '{"normalizer": {"type": "NFC"}, "model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "'normalizer' is set")
add(T, "tokenizer-json", "added-not-object.json", '{"added_tokens": [5], "model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}, "pre_tokenizer": {"type": "ByteLevel"}}', "an added token must be an object")
add(T, "tokenizer-json", "invalid-utf8.json", b'{"model": {"type": "BPE\xc3\x28"}}', "not valid UTF-8")
add(T, "tokenizer-json", "deep.json", "[" * 5000 + "]" * 5000, "nested more than 256")
# GPT-2 pairs: encoder.json NUL vocab.bpe (the test splits at the NUL)
G = "gpt2"
def pair(name, enc, bpe, expect):
    e = enc.encode("latin-1") if isinstance(enc, str) else enc
    add(T, G, name, e + b"\0" + bpe.encode("latin-1"), expect)
bytes_tokens = {}
bs = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
cs = bs[:]; n = 0
for b in range(256):
    if b not in bs:
        bs.append(b); cs.append(256 + n); n += 1
vocab = {chr(c): i for i, c in enumerate(cs)}
vj = json.dumps(vocab)
pair("enc-empty", "", "#version: 0.2\na b\n", "encoder.json")
pair("enc-not-object", "[1]", "#version: 0.2\na b\n", "encoder.json")
pair("enc-huge-id", '{"a": 2147483646}', "#version: 0.2\na b\n", "has id 2147483646 but there are only 1 tokens")
pair("enc-negative-id", '{"a": -1}', "#version: 0.2\na b\n", "not a non-negative integer")
pair("enc-string-id", '{"a": "1"}', "#version: 0.2\na b\n", "expected an integer id")
pair("enc-duplicate", '{"a": 0, "a": 0}', "#version: 0.2\na b\n", "appears twice")
pair("enc-gap", '{"a": 0, "b": 2, "c": 3}', "#version: 0.2\na b\n", "has id 3 but there are only 3 tokens")
add(T, G, "enc-bad-utf8", b'{"\xff": 0}\0#version: 0.2\na b\n', "not valid UTF-8")
pair("bpe-empty", vj, "", "missing merges")
pair("bpe-three-tokens", vj, "#version: 0.2\na b c\n", "expected a merge 'left right'")
pair("bpe-unknown-token", vj, "#version: 0.2\n\u00e9\u00e9 zz\n", "vocab.bpe")
pair("bpe-missing-merge", json.dumps(dict(vocab, **{"ab": 256})), "#version: 0.2\nc d\n", "vocab.bpe")
add(T, "ids", "letters.txt", "1\n2\nthree\n", ":3")
add(T, "ids", "negative.txt", "1\n-5\n", "id -5 is negative")
add(T, "ids", "overflow.txt", "99999999999\n", "expected one integer id per line")
add(T, "ids", "binary.txt", b"\x00\xff\xfe\n", "expected one integer id per line")
add(T, "ids", "float.txt", "1.5\n", "expected one integer id per line")

# ---------------------------------------------------------------- geometry
P = "modality-3d"
hdr = "ply\nformat ascii 1.0\n"
add(P, "ply", "empty.ply", "", "no 'end_header'")
add(P, "ply", "no-magic.ply", "plyx\n", "expected the magic 'ply'")
add(P, "ply", "no-end-header.ply", hdr + "element vertex 1\n", "no 'end_header'")
add(P, "ply", "no-format.ply", "ply\nelement vertex 0\nend_header\n", "no 'format' line")
add(P, "ply", "bad-format.ply", "ply\nformat ebcdic 1.0\nend_header\n", "unknown format 'ebcdic'")
add(P, "ply", "huge-count.ply", hdr + "element vertex 400000000\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n", "over the limit of 50000000")
add(P, "ply", "overflow-count.ply", hdr + "element vertex 715827883\nproperty float x\nproperty float y\nproperty float z\nend_header\n", "over the limit")
add(P, "ply", "count-past-body.ply", hdr + "element vertex 1000\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n", "only 6 bytes follow")
add(P, "ply", "negative-count.ply", hdr + "element vertex -1\nend_header\n", "is negative")
add(P, "ply", "count-not-int.ply", hdr + "element vertex lots\nend_header\n", "is not an integer")
add(P, "ply", "unknown-type.ply", hdr + "element vertex 1\nproperty float128 x\nend_header\n", "unknown property type 'float128'")
add(P, "ply", "no-xyz.ply", hdr + "element vertex 1\nproperty float a\nend_header\n1\n", "no x, y and z")
add(P, "ply", "nan-coordinate.ply", hdr + "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\nnan 0 0\n", "must be finite")
add(P, "ply", "face-index-out.ply", hdr + "element vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n", "points at vertex 7")
add(P, "ply", "face-float-index.ply", hdr + "element vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar float vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 1.5\n", "whole numbers")
add(P, "ply", "face-before-vertex.ply", hdr + "element face 1\nproperty list uchar int vertex_indices\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nend_header\n3 0 1 2\n0 0 0\n1 0 0\n0 1 0\n", "comes before element 'vertex'")
binhdr = b"ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uint int vertex_indices\nend_header\n"
add(P, "ply", "list-billion.ply", binhdr + struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0) + struct.pack("<I", 1_000_000_000) + struct.pack("<3i", 0, 1, 2), "has length 1.0E9")
add(P, "ply", "binary-truncated.ply", binhdr + struct.pack("<5f", 0, 0, 0, 1, 0), "only 20 bytes follow")
add(P, "ply", "binary-trailing.ply", binhdr + struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0) + struct.pack("<I3i", 3, 0, 1, 2) + b"xx", "2 unexpected bytes")
add(P, "ply", "ascii-trailing.ply", hdr + "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n1 1 1\n", "unexpected data after the declared elements")
add(P, "ply", "too-few-values.ply", hdr + "element vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0          \n0 0 0\n", "too few values")
add(P, "ply", "x-is-list.ply", hdr + "element vertex 1\nproperty list uchar float x\nproperty float y\nproperty float z\nend_header\n1 0 0 0\n", "is a list")
add(P, "off", "empty.off", "", "the OFF header was expected")
add(P, "off", "no-magic.off", "PLY\n1 0 0\n", "expected the header 'OFF'")
add(P, "off", "no-counts.off", "OFF\n", "the counts line")
add(P, "off", "one-count.off", "OFF\n3\n", "needs 'vertices faces [edges]'")
add(P, "off", "huge-count.off", "OFF\n400000000 0 0\n0 0 0\n", "over the limit of 50000000")
add(P, "off", "count-past-file.off", "OFF\n1000000 0 0\n0 0 0\n", "only 22 bytes follow")
add(P, "off", "negative.off", "OFF\n-3 0 0\n", "is negative")
add(P, "off", "face-overflow.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n2147483647 0 1 2\n", "declares 2147483647 vertices and lists 3")
add(P, "off", "face-index-out.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n", "points at vertex 3")
add(P, "off", "face-two.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n2 0 1\n", "a face needs at least 3")
add(P, "off", "zero-faces-with-body.off", "OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n", "unexpected data after the 3 vertices and 0 faces")
add(P, "off", "inf-coordinate.off", "OFF\n1 0 0\ninf 0 0\n", "must be finite")
add(P, "off", "text-coordinate.off", "OFF\n1 0 0\nzero 0 0\n", "is not a number")
add(P, "off", "truncated.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n", "face count 1 needs at least 8 bytes")
add(P, "off", "short-vertex.off", "OFF\n2 0 0\n0 0\n0 0 0\n", "vertex 0 needs 3 numbers")
add(P, "obj", "index-zero.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n", "face index 0 points past")
add(P, "obj", "index-past.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n", "face index 4 points past")
add(P, "obj", "negative-past.obj", "v 0 0 0\nf -1 -2 -3\n", "face index -2 points past")
add(P, "obj", "nan-vertex.obj", "v nan 0 0\n", "must be finite")
add(P, "obj", "short-vertex.obj", "v 0 0\n", "a vertex needs 3 coordinates")
add(P, "obj", "short-face.obj", "v 0 0 0\nv 1 0 0\nf 1 2\n", "a face needs at least 3")
add(P, "obj", "text-index.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf a b c\n", "is not an integer")
add(P, "obj", "huge-index.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 99999999999\n", "is not an integer")
add(P, "obj", "slash-only.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf /1 2 3\n", "is not an integer")
add(P, "xyz", "text.xyz", "a b c\n", "is not a number")
add(P, "xyz", "short.xyz", "0 0\n", "needs 3 coordinates")
add(P, "xyz", "count-mismatch.xyz", "3\n0 0 0\n1 1 1\n", "declares 3 points but the file holds 2")
add(P, "xyz", "nan.xyz", "0 0 0\nNaN 1 1\n", "must be finite")
add(P, "xyz", "huge.xyz", "1e39 0 0\n", "must be finite")
add(P, "xyz", "count-text.xyz", "many\n0 0 0\n", "is not an integer")

# ---------------------------------------------------------------- time series
TS = "modality-timeseries"
add(TS, "csv", "empty.csv", "", "no rows")
add(TS, "csv", "header-only.csv", "date,value\n", "no rows")
add(TS, "csv", "text-values.csv", "date,value\n2020-01-01,a\n2020-02-01,b\n", "no numeric value column")
add(TS, "csv", "missing-month.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n2020-04-01,3\n2020-05-01,4\n2020-06-01,5\n", "missing rows?")
add(TS, "csv", "unordered-dates.csv", "date,value\n2020-03-01,1\n2020-02-01,2\n2020-04-01,3\n", "series")
add(TS, "csv", "duplicate-dates.csv", "date,value\n2020-01-01,1\n2020-01-01,2\n2020-02-01,3\n", "series")
add(TS, "csv", "duplicate-index.csv", "t,value\n0,1\n1,2\n1,3\n2,4\n", "time index 1 follows 1")
add(TS, "csv", "unordered-index.csv", "t,value\n0,1\n2,2\n1,3\n", "time index 1 follows 2")
add(TS, "csv", "index-gap.csv", "t,value\n0,1\n1,2\n3,3\n4,4\n", "a missing or extra row?")
add(TS, "csv", "infinite.csv", "date,value\n2020-01-01,1\n2020-02-01,Infinity\n", "infinite value")
add(TS, "csv", "ragged.csv", "date,value\n2020-01-01,1,5\n2020-02-01\n", "not a readable CSV file")
add(TS, "csv", "binary.csv", b"\x00\x01\x02\xff\xfe", "no rows")
add(TS, "csv", "quarterly-gap.csv", "date,value\n2020-01-01,1\n2020-04-01,2\n2020-07-01,3\n2021-01-01,4\n2021-04-01,5\n", "steps by 3 months")
add(TS, "manifest", "no-columns", "a,b\n1,2\n", "missing column 'name'")
add(TS, "manifest", "empty", "name,file,frequency,period,horizon\n", "no series listed")
add(TS, "manifest", "bad-frequency", "name,file,frequency,period,horizon\na,a.csv,fortnightly,12,12\n", "unknown frequency 'fortnightly'")
add(TS, "manifest", "bad-period", "name,file,frequency,period,horizon\na,a.csv,monthly,twelve,12\n", "row 2")
add(TS, "manifest", "zero-horizon", "name,file,frequency,period,horizon\na,a.csv,monthly,12,0\n", "horizon (0) must be >= 1")
add(TS, "manifest", "huge-period", "name,file,frequency,period,horizon\na,a.csv,monthly,99999999999,1\n", "row 2")
add(TS, "manifest", "escaping-file", "name,file,frequency,period,horizon\na,../../etc/passwd,monthly,12,1\n", "must be a path inside")
add(TS, "manifest", "absolute-file", "name,file,frequency,period,horizon\na,/etc/passwd,monthly,12,1\n", "must be a path inside")

# ---------------------------------------------------------------- images
V = "modality-vision"
def idx(dims, data=b"", magic2=8):
    return bytes([0, 0, magic2, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data
add(V, "idx", "empty.idx", b"", "truncated at byte 0")
add(V, "idx", "bad-magic.idx", b"\x01\x02\x08\x01" + struct.pack(">I", 1) + b"x", "not an IDX file")
add(V, "idx", "float-type.idx", idx([1], b"xxxx", 0x0D), "element type 0x0d")
add(V, "idx", "zero-dims.idx", b"\x00\x00\x08\x00", "0 dimensions")
add(V, "idx", "nine-dims.idx", b"\x00\x00\x08\x09", "9 dimensions")
add(V, "idx", "huge-dims.idx", idx([60000, 28000, 28000]), "elements")
add(V, "idx", "negative-dim.idx", idx([0x80000000]), "is negative")
add(V, "idx", "truncated.idx", idx([10, 10], b"\x00" * 50), "declares 100 data bytes")
add(V, "idx", "trailing.idx", idx([2], b"\x00\x00\x00"), "data continues after")
add(V, "idx", "overflow-dims.idx", idx([65536, 65536, 65536, 65536]), "elements")
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
def png(w, h, idat=None, color=0, crc_ok=True):
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0))
    if idat is None:
        raw = b"".join(b"\0" + bytes(w) for _ in range(min(h, 64)))
        idat = zlib.compress(raw)
    return b"\x89PNG\r\n\x1a\n" + ihdr + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
add(V, "png", "empty.png", b"", "empty file")
add(V, "png", "truncated.png", png(4, 4)[:30], "truncated PNG")
add(V, "png", "huge-24000.png", png(24000, 24000, zlib.compress(bytes(24001) * 100)), "24000 x 24000 pixels")
add(V, "png", "wide.png", png(2 ** 31 - 1, 1, zlib.compress(bytes(1000))), "pixels")
add(V, "png", "zero-width.png", png(0, 5), "png")
add(V, "png", "bad-idat.png", png(4, 4, b"not zlib at all"), "cannot decode image")
add(V, "png", "short-idat.png", png(64, 64, zlib.compress(b"\0" * 10)), "cannot decode image")
add(V, "png", "text.png", "just some text that is not an image\n", "not an image format")
add(V, "png", "bad-color-type.png", png(4, 4, color=5), "cannot decode image")

# ---------------------------------------------------------------- CML
C = "samples"
mol = '<molecule><atomArray>{}</atomArray>{}</molecule>'
add(C, "cml", "empty.cml", "", "malformed XML")
add(C, "cml", "not-xml.cml", "hello", "malformed XML")
add(C, "cml", "doctype.cml", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><molecule/>', "DOCTYPE")
add(C, "cml", "entity-bomb.cml", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><molecule>&b;</molecule>', "DOCTYPE")
add(C, "cml", "deep.cml", "<a>" * 3000 + "</a>" * 3000, "malformed XML")
add(C, "cml", "no-molecule.cml", "<cml/>", "no <molecule> element")
add(C, "cml", "no-atomarray.cml", "<molecule/>", "has no <atomArray>")
add(C, "cml", "no-atoms.cml", mol.format("", ""), "holds no atoms")
add(C, "cml", "no-element.cml", mol.format('<atom id="a1" x3="0" y3="0" z3="0"/>', ""), "has no elementType")
add(C, "cml", "bad-element.cml", mol.format('<atom id="a1" elementType="Xyz" x3="0" y3="0" z3="0"/>', ""), "not an element symbol")
add(C, "cml", "nan-coordinate.cml", mol.format('<atom id="a1" elementType="C" x3="NaN" y3="0" z3="0"/>', ""), "is not a finite number")
add(C, "cml", "2d-only.cml", mol.format('<atom id="a1" elementType="C" x2="0" y2="0"/>', ""), "only 2D coordinates")
add(C, "cml", "array-mismatch.cml", '<molecule><atomArray elementType="C O" x3="0" y3="0 1" z3="0 1"/></molecule>', "lists 2 elements but 1 x3 values")
add(C, "cml", "bond-unknown-atom.cml", mol.format('<atom id="a1" elementType="C" x3="0" y3="0" z3="0"/>', '<bondArray><bond atomRefs2="a1 a9" order="1"/></bondArray>'), "unknown atom id")
add(C, "cml", "bond-one-ref.cml", mol.format('<atom id="a1" elementType="C" x3="0" y3="0" z3="0"/>', '<bondArray><bond atomRefs2="a1" order="1"/></bondArray>'), "must name two atoms")
add(C, "cml", "bond-self.cml", mol.format('<atom id="a1" elementType="C" x3="0" y3="0" z3="0"/>', '<bondArray><bond atomRefs2="a1 a1" order="1"/></bondArray>'), "twice to one atom")

for module, rows in cases.items():
    with open(f"{module}/src/test/resources/hostile/cases.tsv", "w") as f:
        f.write("# format\tfile\tfragment the error message must contain (written by scripts/make-hostile-corpus.py)\n")
        for fmt, name, expect in rows:
            f.write(f"{fmt}\t{name}\t{expect}\n")
print({m: len(r) for m, r in cases.items()}, sum(len(r) for r in cases.values()))
