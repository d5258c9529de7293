#!/usr/bin/env bash
# Builds the imaptest the benchmarks use: ../shared/tools/imaptest's, with bench/imaptest-latency.patch,
# which adds latency=FILE (every command's time in microseconds, one "NAME<TAB>usecs<TAB>end in Unix ms" line each). imaptest
# itself reports only a mean per command; the criterion "p99 no worse" needs the distribution.
#   imaptest.sh TOOLS        TOOLS holds build.sh and the source tarball; prints "BINARY TESTS" last.
# The shared build script is run unchanged on a copy of its folder whose tarball has the patch applied.
# The prefix names a hash of the patch, the tarball and build.sh, so a change to any of them builds anew
# instead of reusing an older binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=$1
patch_file=$here/imaptest-latency.patch
prefix=/opt/imaptest-latency-$(cat "$patch_file" "$tools"/build.sh "$tools"/imaptest-*.tar.gz | sha256sum | cut -c1-12)
if [ -x "$prefix/bin/imaptest" ] && [ -d "$prefix/tests" ]; then echo "$prefix/bin/imaptest $prefix/tests"; exit 0; fi
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$tools/build.sh" "$copy/"
tarball=$(cd "$tools" && ls imaptest-*.tar.gz)
mkdir "$copy/src"
tar xzf "$tools/$tarball" -C "$copy/src"
# patch is part of Debian's base install only on some images
command -v patch >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patch >/dev/null; }
# imaptest links against libdovecot, which dovecot-core holds (build.sh installs only dovecot-dev);
# bench/run.sh installs Dovecot before this, but the script alone must build on a fresh machine too
dpkg -s dovecot-core >/dev/null 2>&1 || { apt-get update -qq >/dev/null \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-core >/dev/null; }
patch -d "$copy/src" -p1 --quiet <"$patch_file"
tar czf "$copy/$tarball" -C "$copy/src" .
bash "$copy/build.sh" "$prefix"
