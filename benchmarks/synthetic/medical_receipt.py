"""SYNTHETIC Korean 진료비 계산서·영수증 (medical fee receipt): patient block, fee table, totals, issuer."""

from __future__ import annotations

import random

from . import common as c

_HOSPITALS = ("한빛병원", "서울푸른내과의원", "새봄정형외과의원", "가온소아청소년과의원", "미래연합병원")
_HOSPITALS += ("누리재활의학과의원", "대한치과의원", "하늘이비인후과의원", "세종중앙병원")
_OUTPATIENT = ("진찰료", "투약및조제료", "주사료", "처치및수술료", "검사료", "영상진단료", "치료재료대")
_OUTPATIENT += ("재활및물리치료료", "초음파진단료", "CT진단료", "MRI진단료")
_INPATIENT = ("입원료", "식대", "마취료")
_DEPARTMENTS = ("내과", "정형외과", "소아청소년과", "이비인후과", "가정의학과", "재활의학과")
_UNINSURED = ("초음파진단료", "MRI진단료", "검사료", "치료재료대")


def _amounts(rng: random.Random, name: str, share: float) -> tuple[int, int, int, int]:
    """(본인부담금, 공단부담금, 전액본인부담, 비급여) in won, tens of won as printed."""
    base = rng.randint(50, 3000) * 10
    patient = round(base * share, -1)
    full = rng.choice((0, 0, 0, rng.randint(1, 50) * 100))
    uninsured = rng.randint(2, 300) * 1000 if name in _UNINSURED and rng.random() < 0.6 else 0
    return int(patient), base - int(patient), full, uninsured


def _truth(rng: random.Random) -> tuple[dict[str, str], list[tuple[str, tuple[int, ...]]]]:
    inpatient = rng.random() < 0.35
    start = c.date(rng, 2022, 2025)
    end = (start[0], start[1], start[2] + (rng.randint(1, 9) if inpatient else 0))
    t = {"hospitalName": rng.choice(_HOSPITALS), "patientName": c.person_name(rng)}
    t["visitDate"] = f"{c.iso(start)}~{c.iso(end)}"
    pool = list(_OUTPATIENT) + (list(_INPATIENT) if inpatient else [])
    chosen = set(rng.sample(pool, rng.randint(3, 7)))
    names = [n for n in pool if n in chosen]  # in the form's fixed row order
    rows = [(n, _amounts(rng, n, 0.2 if inpatient else 0.3)) for n in names]
    for i, (name, (patient, insured, _, uninsured)) in enumerate(rows):
        t |= {f"items.{i}.name": name, f"items.{i}.patientAmount": str(patient)}
        t |= {f"items.{i}.insuredAmount": str(insured), f"items.{i}.uninsuredAmount": str(uninsured)}
    total = sum(sum(a) for _, a in rows)
    patient_total = sum(a[0] + a[2] + a[3] for _, a in rows)
    t |= {"totalAmount": str(total), "patientPayAmount": str(patient_total)}
    t["paidAmount"] = str(patient_total)
    return t, rows


def render(rng: random.Random) -> c.SyntheticDoc:
    """One receipt page (1200 × 1500), lightly photographed."""
    t, rows = _truth(rng)
    img, draw = c.canvas(1200, 1500, rng)
    body = "myeongjo" if rng.random() < 0.3 else "gothic"
    f, fs, fb = c.font(body, 24), c.font(body, 20), c.font(f"{body}-bold", 40)
    ink, grey = (15, 15, 15), (110, 110, 110)
    title = rng.choice(("진료비 계산서·영수증", "진료비 영수증", "진료비 계산서 · 영수증"))
    draw.text((600, 60), title, font=fb, fill=ink, anchor="mm")
    kind = "외래" if t["visitDate"].split("~")[0] == t["visitDate"].split("~")[1] else "입원"
    draw.text(
        (60, 120),
        f"[{'V' if kind == '외래' else ' '}] 외래   [{'V' if kind == '입원' else ' '}] 입원",
        font=f,
        fill=ink,
    )
    # Patient block: labels above values, as on the official form.
    start, end = (d.replace("-", ".") for d in t["visitDate"].split("~"))
    block = (("환자등록번호", f"{rng.randint(100000, 999999)}", 60), ("환자 성명", t["patientName"], 300))
    block += (("진료기간", f"{start} ~ {end}", 520), ("진료과목", rng.choice(_DEPARTMENTS), 950))
    draw.rectangle((40, 170, 1160, 290), outline=grey, width=2)
    draw.line((40, 220, 1160, 220), fill=grey, width=1)
    for label, value, x in block:
        draw.text((x, 182), label, font=fs, fill=(60, 60, 60))
        draw.text((x, 240), value, font=f, fill=ink)
    # Fee table.
    cols = (("항목", 60), ("본인부담금", 330), ("공단부담금", 540), ("전액본인부담", 750), ("비급여", 990))
    top = 330
    draw.rectangle((40, top, 1160, top + 110 + 52 * (len(rows) + 1)), outline=grey, width=2)
    draw.text((430, top + 12), "급여 (일부 본인부담)", font=fs, fill=(60, 60, 60))
    for label, x in cols:
        draw.text((x, top + 55), label, font=fs if label != "항목" else f, fill=(40, 40, 40))
    draw.line((40, top + 95, 1160, top + 95), fill=grey, width=1)
    for x in (300, 520, 730, 960):
        draw.line((x - 10, top, x - 10, top + 110 + 52 * (len(rows) + 1)), fill=grey, width=1)
    y = top + 110
    for name, amounts in rows:
        draw.text((60, y), name, font=f, fill=ink)
        for (_, x), a in zip(cols[1:], amounts, strict=True):
            draw.text((x + 150, y), f"{a:,}", font=f, fill=ink, anchor="ra")
        y += 52
    sums = [sum(a[i] for _, a in rows) for i in range(4)]
    draw.text((60, y), "합계", font=f, fill=ink)
    for (_, x), a in zip(cols[1:], sums, strict=True):
        draw.text((x + 150, y), f"{a:,}", font=f, fill=ink, anchor="ra")
    # Totals box on the right, issuer block at the bottom.
    y += 90
    totals = (("진료비 총액", t["totalAmount"]), ("환자부담 총액", t["patientPayAmount"]))
    totals += (("이미 납부한 금액", "0"), ("납부할 금액", t["paidAmount"]), ("납부한 금액", t["paidAmount"]))
    for i, (label, value) in enumerate(totals):
        draw.text((620, y + 50 * i), label, font=f, fill=ink)
        draw.text((1120, y + 50 * i), f"{int(value):,}", font=f, fill=ink, anchor="ra")
    y += 50 * len(totals) + 60
    issued = t["visitDate"].split("~")[1].split("-")
    draw.text((60, y), f"{issued[0]}년 {int(issued[1])}월 {int(issued[2])}일", font=f, fill=ink)
    draw.text((60, y + 55), f"요양기관명칭  {t['hospitalName']}", font=f, fill=ink)
    draw.text((60, y + 105), f"사업자등록번호  {c.biz_number(rng, False)}", font=f, fill=ink)
    draw.text((60, y + 155), f"대표자  {c.person_name(rng)}", font=f, fill=ink)
    return c.SyntheticDoc(c.photograph(img, rng, angle=1.0), t, "medical-receipt")
