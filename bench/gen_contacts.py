#!/usr/bin/env python3
"""Generate a realistic contacts CSV for import benchmarks, streaming to a file or stdout.

    python3 bench/gen_contacts.py 1000000 > /tmp/contacts-1m.csv
    python3 bench/gen_contacts.py 100000 -o /tmp/contacts-100k.csv --seed 7

Rows have accented and non-Latin names, quoted cells with commas, quotes and line breaks,
IANA time zones, national and international phone numbers, LinkedIn URLs in several forms,
owners, stages and custom columns. Emails are unique (a sequence number is part of each), so
an import of N rows creates N contacts; --dup-rate adds repeated addresses in other casings.
Deterministic for a given --seed.
"""
import argparse
import random
import sys

FIRST = ["Anna", "Zoë", "Łukasz", "Дмитрий", "王芳", "José", "Siobhán", "Chloé", "Jürgen", "Søren", "Ana María",
         "Mohammed", "Priya", "Kenji", "Olu", "Émile", "Björn", "Ngozi", "Mateus", "Ilse"]
LAST = ["Smith", "de la Fontaine", "Żółć", "Иванов", "李", "García", "O'Brien", "Müller", "Nørgaard", "Nair",
        "Tanaka", "Adeyemi", "Dubois", "Åström", "van der Berg", "Kowalski", "Rossi", "Costa", "Yılmaz", "Kim"]
ASCII_FIRST = ["anna", "zoe", "lukasz", "dmitry", "wang", "jose", "siobhan", "chloe", "jurgen", "soren", "ana",
               "mohammed", "priya", "kenji", "olu", "emile", "bjorn", "ngozi", "mateus", "ilse"]
COMPANIES = ["Acme Corp", "Globex, Inc.", "Initech", "Müller & Söhne GmbH", "北京科技有限公司", "Société \"Générale\" Example",
             "Umbrella Ltd", "Łódź Sp. z o.o.", "Stark Industries", "Wayne Enterprises", "ООО «Ромашка»", "Hooli"]
TITLES = ["CTO", "VP Sales", "Head of Operations", "Founder & CEO", "Directeur Général", "Engineering Manager",
          "Buyer", "CFO", "Marketing Lead", "Procurement, EMEA"]
ZONES = [("America/New_York", "US", "(212) 555-{:04d}"), ("America/Los_Angeles", "US", "415-555-{:04d}"),
         ("Europe/Paris", "FR", "06 12 34 {:02d} {:02d}"), ("Europe/Berlin", "DE", "030 123{:04d}"),
         ("Europe/London", "GB", "020 7946 {:04d}"), ("Asia/Tokyo", "JP", "03-1234-{:04d}"),
         ("Asia/Shanghai", "CN", "010 6552 {:04d}"), ("Europe/Warsaw", "PL", "+48 22 123 {:02d} {:02d}"),
         ("", "", "+1 312 555 {:04d}"), ("Australia/Sydney", "AU", "(02) 9374 {:04d}")]
OWNERS = ["sam@acme.example", "dana@acme.example", "eli@acme.example", ""]
STAGES = ["new", "contacted", "Qualified", "", ""]
INDUSTRIES = ["Retail", "Software", "Manufacturing", "Finance", "Santé", "Logística"]
NOTES = ["", "", "", "met at the booth, wants a demo", "said \"call me in Q3\"", "two lines\nof notes", "Prefers email"]

HEADER = ["Email", "First Name", "Last Name", "Company", "Job Title", "Phone", "Time Zone", "LinkedIn URL",
          "Owner", "Stage", "Industry", "Annual Revenue ($)", "Lead Source", "Notes"]


def cell(v):
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def phone(rnd, fmt):
    n = rnd.randrange(100, 10000)
    if fmt.count("{") == 2:
        return fmt.format(n // 100 % 100, n % 100)
    return fmt.format(n)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rows", type=int, help="number of data rows (1000, 100000, 1000000)")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--dup-rate", type=float, default=0.0, help="fraction of rows repeating an earlier email")
    p.add_argument("--delimiter", default=",")
    a = p.parse_args()
    rnd = random.Random(a.seed)
    out = open(a.output, "w", encoding="utf-8", newline="") if a.output else sys.stdout
    d = a.delimiter
    w = out.write
    w(d.join(HEADER) + "\r\n")
    for i in range(a.rows):
        f = rnd.randrange(len(FIRST))
        l = rnd.randrange(len(LAST))
        if a.dup_rate and i > 0 and rnd.random() < a.dup_rate:
            j = rnd.randrange(i)
            email = f"{ASCII_FIRST[j % len(ASCII_FIRST)]}.{j}@Example.COM"
        else:
            email = f"{ASCII_FIRST[i % len(ASCII_FIRST)]}.{i}@example.com"
        zone, _, fmt = ZONES[rnd.randrange(len(ZONES))]
        handle = f"{ASCII_FIRST[f]}-{i}"
        linkedin = rnd.choice([f"https://www.linkedin.com/in/{handle}/", f"in/{handle}", f"linkedin.com/in/{handle}", ""])
        row = [email, FIRST[f], LAST[l], rnd.choice(COMPANIES), rnd.choice(TITLES), phone(rnd, fmt), zone,
               linkedin, rnd.choice(OWNERS), rnd.choice(STAGES), rnd.choice(INDUSTRIES),
               str(rnd.randrange(1, 500) * 100000), rnd.choice(["Web", "Trade Show", "Referral", "Cold"]),
               rnd.choice(NOTES)]
        w(d.join(cell(v) for v in row) + "\r\n")
    if a.output:
        out.close()


if __name__ == "__main__":
    main()
