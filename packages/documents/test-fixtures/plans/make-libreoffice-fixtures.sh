#!/bin/sh
# Regenerates libreoffice-plan-a.docx from libreoffice-plan-a.html with LibreOffice (a DOCX written
# by another program than Word, for the plan importer's tests). Needs soffice (Debian:
# libreoffice-writer). The tests read the checked-in .docx and never need soffice.
set -eu
cd "$(dirname "$0")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
soffice --headless -env:UserInstallation="file://$out/profile" \
  --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" \
  --outdir "$out" libreoffice-plan-a.html >/dev/null
cp "$out/libreoffice-plan-a.docx" libreoffice-plan-a.docx
echo "libreoffice-plan-a.docx regenerated"
