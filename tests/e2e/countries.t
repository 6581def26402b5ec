#!/usr/bin/env bash
# countries.t -- issue 17's review cycle and country pages in a real browser
# (countries.js): staff keep a country's review on /staff/reviews (a mistake
# coming back with the input kept), a member reads Kenya's page, and the demo
# focal point (Kenya) follows /account to their country's view and is
# refused another country's.  Two Kenyan organizations are imported after
# the seed (the demo has none), one showing its description to members
# only and the other to members and governments.  e2e.t does the work;
# screenshots in tests/e2e/out/ (country-page.png, focal-country-view.png,
# staff-reviews.png, as docs/ has them).
HERE=$(cd "$(dirname "$0")" && pwd)
csv=$(mktemp "${TMPDIR:-/tmp}/whatson-e2e-countries.XXXXXX.csv")
trap 'rm -f "$csv"' EXIT
cat >"$csv" <<'CSV'
name,acronym,kind,country,description,themes,contact_name,contact_email
Mombasa Anti-Trafficking Network,MATN,ngo,KE,Shelters and legal aid for survivors of trafficking along the coast.,trafficking_in_persons,Achieng Otieno,contact@matn.example
Nairobi Centre for Justice Studies,NCJS,academia,KE,Research on organized crime and the courts in East Africa.,criminal_justice,Daniel Mwangi,info@ncjs.example
CSV
export E2E_SCRIPT=countries.js E2E_IMPORT=$csv
"$HERE/e2e.t" "$@"
