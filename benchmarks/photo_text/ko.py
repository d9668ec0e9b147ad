"""Korean business text: names with romanisations, 주소, 사업자번호, won amounts, 일금 ...원정."""

from __future__ import annotations

import datetime as dt

from benchmarks.photo_text.base import Field, Writer, words
from benchmarks.synthetic import common

KO_SURNAME_ROMAN = dict(
    zip(
        (*common.SURNAMES, "안", "류", "홍", "전", "고", "문", "양", "손", "배", "백", "허", "남", "노"),
        words("KIM|LEE|PARK|CHOI|JUNG|KANG|CHO|YOON|JANG|LIM|HAN|OH|SEO|SHIN|KWON|HWANG|SONG")
        + words("AHN|RYU|HONG|JEON|KO|MOON|YANG|SON|BAE|BAEK|HEO|NAM|NOH"),
        strict=True,
    )
)
KO_GIVEN_ROMAN = dict(
    zip(
        (*common.GIVEN, *words("길동|지호|유진|은서|준서|다은|건우|수빈|우진|예린|태윤|소율|재원|하린|성민")),
        words("MINJUN|SEOYEON|DOYUN|JIWOO|HAJUN|SEOYUN|YEJUN|JIMIN|SIWOO|SUA|JUWON|HAEUN|HYUNWOO")
        + words("GILDONG|JIHO|YUJIN|EUNSEO|JUNSEO|DAEUN|GEONWOO|SUBIN|WOOJIN|YERIN|TAEYUN|SOYUL")
        + words("JAEWON|HARIN|SUNGMIN"),
        strict=True,
    )
)
KO_STEM_ROMAN = dict(
    zip(
        (
            *common.COMPANY_STEMS,
            *words("소망|한결|바른|으뜸|초록|별빛|온누리|해오름|늘봄|마루|금강|백두|청솔"),
        ),
        words("hanbit|pureunsol|saebom|daehan|mirae|haneul|woori|donghae|sejong|gaon|nuri|daon")
        + words("somang|hangyeol|bareun|eutteum|chorok|byeolbit|onnuri|haeoreum|neulbom|maru")
        + words("geumgang|baekdu|cheongsol"),
        strict=True,
    )
)
KO_KINDS = (*common.COMPANY_KINDS, *words("산업|기획|시스템|에너지|제약|통상|물류|네트웍스|솔루션|코리아"))
KO_CITIES = (
    *common.CITIES,
    ("대구광역시", ("수성구", "달서구", "중구")),
    ("광주광역시", ("서구", "북구")),
    ("울산광역시", ("남구", "울주군")),
    ("제주특별자치도", ("제주시", "서귀포시")),
    ("충청북도", ("청주시 흥덕구", "충주시")),
    ("경상남도", ("창원시 성산구", "김해시")),
    ("강원특별자치도", ("춘천시", "원주시")),
)
KO_ROADS = (
    *common.ROADS,
    *words("도산대로|강남대로|영동대로|을지로|퇴계로|한강대로|디지털로|벤처로|해운대로"),
)
KO_DONGS = words("역삼동|삼성동|서교동|합정동|우동|봉명동|정자동|매탄동|연산동|부전동|신림동|가산동")
KO_COUNTRIES = words(
    "미국|일본|중국|베트남|독일|프랑스|영국|캐나다|오스트레일리아|싱가포르|태국|인도네시아|필리핀|말레이시아|"
    "인도|브라질|멕시코|스페인|이탈리아|네덜란드|스위스|스웨덴|노르웨이|덴마크|핀란드|폴란드|체코|오스트리아|"
    "벨기에|포르투갈|그리스|튀르키예|이스라엘|아랍에미리트|사우디아라비아|이집트|남아프리카|아르헨티나|칠레|"
    "콜롬비아|페루|뉴질랜드|대만|홍콩(중국 특별행정구)|몽골|카자흐스탄|우즈베키스탄|캄보디아|미얀마|대한민국"
)
KO_CURRENCIES = words(
    "미국 달러|유로|일본 엔화|중국 위안화|영국 파운드|홍콩 달러|싱가포르 달러|대한민국 원|스위스 프랑|"
    "캐나다 달러|호주 달러|베트남 동|태국 바트|대만 달러"
)
KO_LANGUAGES = words("한국어|영어|일본어|중국어|베트남어|독일어|프랑스어|스페인어|러시아어|태국어|아랍어")
KO_ITEMS = words(
    "A4 복사용지|사무용 의자|노트북 거치대|토너 카트리지|USB 메모리 64GB|택배 포장 박스|볼펜 (흑색)|"
    "무선 키보드|모니터 암|외장 하드 1TB|클리어 파일|프린터 용지|생수 2L|커피 원두 1kg|유지보수 용역|"
    "소프트웨어 라이선스|LED 조명|공기청정기 필터|배송비|설치비|네트워크 케이블|책상 서랍장|명함 인쇄"
)
KO_TITLES = words(
    "견적서|거래명세서|영수증|세금계산서|청구서|납품확인서|계약서|주문서|입금확인서|발주서|인수증|"
    "카드 매출전표|현금영수증|사업자등록증명|재직증명서|지출결의서|거래내역 확인서"
)
KO_AMOUNT_LABELS = words(
    "합계 금액|합계|총액|공급가액|부가세|세액|결제 금액|받을 금액|할인 금액|배송비|청구 금액|잔액|소계|"
    "총 결제금액|면세 금액|과세 물품가액|봉사료"
)
KO_BANKS = words("국민은행|신한은행|우리은행|하나은행|농협은행|기업은행|카카오뱅크|부산은행")
KO_POSITIONS = words("대리|과장|차장|부장|팀장|주임|실장|이사|매니저")
KO_TOPIC = words(
    "본 견적서는|상기 금액은|해당 제품은|고객님의 주문은|이번 납품은|모든 서비스는|결제 대금은|"
    "세금계산서는|배송 일정은|계약 내용은|반품 및 교환은|적립 포인트는|부가가치세는|할인 혜택은|"
    "현금영수증은|위 사업자는|본 계약서는|미납 금액은|주문 취소는|개인정보는"
)
KO_ADVERB = words(
    "발행일로부터 30일 이내에|영업일 기준 3일 이내|별도의 통지 없이|관련 법령에 따라|당사 규정에 의하여|"
    "고객의 요청에 따라|매월 말일까지|계약 기간 동안|상품 수령 후 7일 이내에|결제 완료 후|"
    "담당자 확인 후|전자 문서로|다음 달 10일까지|공급가액 기준으로|아래 계좌로"
)
KO_PREDICATE = words(
    "처리됩니다.|발행됩니다.|변경될 수 있습니다.|지급하여야 합니다.|확인하시기 바랍니다.|유효합니다.|"
    "환불이 가능합니다.|적용되지 않습니다.|안내해 드립니다.|제공됩니다.|청구됩니다.|입금하여 주십시오.|"
    "보관됩니다.|정산됩니다.|완료되었습니다."
)
KO_FIXED = words(
    "위 금액을 정히 영수합니다.|상기와 같이 견적합니다.|아래와 같이 거래명세서를 발행합니다.|"
    "문의 사항은 담당자에게 연락하여 주시기 바랍니다.|항상 저희 매장을 이용해 주셔서 감사합니다.|"
    "본 영수증은 소득공제용으로 사용할 수 있습니다.|위 내용이 사실과 다름없음을 확인합니다."
)


def ko_number(n: int) -> str:
    """Sino-Korean numerals for amounts in words (``일금 사만오천원정``)."""
    digit, small = "영일이삼사오육칠팔구", ("", "십", "백", "천")
    out = []
    for k, big in enumerate(("", "만", "억", "조")):
        group = (n // 10 ** (4 * k)) % 10_000
        if not group:
            continue
        part = ""
        for p in range(3, -1, -1):
            d = (group // 10**p) % 10
            if d:
                part += ("" if d == 1 and p else digit[d]) + small[p]
        out.append((part if part != "" else "일") + big)
    return "".join(reversed(out)) or "영"


class KoWriter(Writer):
    lang = "ko"
    seps = (" : ", " : ", ": ", " ", " ")
    titles = KO_TITLES
    items = KO_ITEMS

    def person(self) -> tuple[str, str]:
        """A name and its passport-style romanisation (``HONG GILDONG``)."""
        s, g = self.r.choice(tuple(KO_SURNAME_ROMAN)), self.r.choice(tuple(KO_GIVEN_ROMAN))
        return s + g, f"{KO_SURNAME_ROMAN[s]} {KO_GIVEN_ROMAN[g]}"

    def stem(self) -> str:
        return self.r.choice(tuple(KO_STEM_ROMAN))

    def company(self) -> str:
        name = self.stem() + self.r.choice(KO_KINDS)
        fmt = self.r.choice(("(주){}", "㈜{}", "주식회사 {}", "{}(주)", "{} 주식회사", "(유){}", "{}", "{}"))
        return fmt.format(name)

    def domain(self) -> str:
        tail = self.r.choice(("", "", "tech", "corp", "biz"))
        return KO_STEM_ROMAN[self.stem()] + tail + self.r.choice((".co.kr", ".co.kr", ".com", ".kr", ".net"))

    def email(self) -> str:
        _, roman = self.person()
        family, given = roman.lower().split()
        local = self.r.choice((f"{given}.{family}", f"{family}{given[0]}", f"{given}{self.digits(2)}"))
        local = self.r.choice((local, local, self.r.choice(("sales", "info", "help", "order", "tax"))))
        return f"{local}@{self.domain()}"

    def phone(self, kind: str = "line") -> str:
        if kind == "mobile":
            return f"010-{self.digits(4)}-{self.digits(4)}"
        if kind == "rep" or self.r.random() < 0.1:
            return f"{self.r.choice(('1588', '1577', '1544', '1600', '1661'))}-{self.digits(4)}"
        area = self.r.choice(("02", "02", "031", "032", "051", "053", "042", "062", "064", "070"))
        mid = self.r.choice((self.r.randint(200, 999), self.r.randint(2000, 9999)))  # never a leading 0
        return f"{area}-{mid}-{self.digits(4)}"

    def address(self) -> str:
        city, districts = self.r.choice(KO_CITIES)
        if self.r.random() < 0.2:
            lot = f"{self.r.randint(1, 999)}-{self.r.randint(1, 40)}"
            return (
                f"{city} {self.r.choice(districts)} {self.r.choice(KO_DONGS)} {lot}"  # old lot-number style
            )
        out = f"{city} {self.r.choice(districts)} {self.r.choice(KO_ROADS)} {self.r.randint(1, 399)}"
        if self.r.random() < 0.2:
            out += f"-{self.r.randint(1, 30)}"
        tail = self.r.choice(
            ("", f", {self.r.randint(2, 15)}층", f" {self.stem()}빌딩 {self.r.randint(2, 20)}층")
        )
        tail = self.r.choice((tail, tail, f", {self.r.randint(101, 1205)}호"))
        if self.r.random() < 0.2:
            out = f"({self.digits(5)}) {out}"
        return out + tail

    def date(self, d: dt.date | None = None) -> str:
        d = d or self.day()
        y, m, n = d.year, d.month, d.day
        text = self.r.choice(
            (
                f"{y}년 {m}월 {n}일",
                f"{y}-{m:02d}-{n:02d}",
                f"{y}.{m:02d}.{n:02d}",
                f"{y}. {m}. {n}.",
                f"{y}년 {m:02d}월 {n:02d}일",
                f"{y}/{m:02d}/{n:02d}",
            )
        )
        if self.r.random() < 0.2:
            text += f" ({'월화수목금토일'[d.weekday()]})"
        return text

    def won(self, n: int | None = None) -> str:
        n = self.money() if n is None else n
        return self.r.choice(
            (f"₩{n:,}", f"￦{n:,}", f"{n:,}원", f"{n:,} 원", f"{n:,}원", f"금 {n:,}원정", f"KRW {n:,}")
        )

    def fields(self) -> list[Field]:
        r = self.r
        return [
            lambda: (r.choice(("상호", "상호명", "회사명", "법인명(단체명)")), self.company()),
            lambda: (r.choice(("대표자", "대표자 성명", "대표이사", "성명")), self.person()[0]),
            lambda: ("대표자", self.person()[0] + r.choice((" (인)", " (서명 또는 인)", " 인"))),
            lambda: (
                r.choice(("사업자등록번호", "등록번호", "사업자번호")),
                common.biz_number(r, r.random() < 0.5),
            ),
            lambda: ("법인등록번호", f"{r.randint(110111, 285011)}-{self.digits(7)}"),
            lambda: (
                "주민등록번호",
                f"{r.randint(50, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}-{r.randint(1, 2)}******",
            ),
            lambda: (r.choice(("카드번호", "카드 번호")), self.card_mask()),
            lambda: (r.choice(("승인번호", "승인 번호")), self.digits(8)),
            lambda: ("가맹점번호", self.digits(r.choice((9, 10)))),
            lambda: (r.choice(("이메일", "메일", "전자우편")), self.email()),
            lambda: (r.choice(("전화", "전화번호", "대표전화", "연락처")), self.phone()),
            lambda: (r.choice(("팩스", "팩스번호")), self.phone()),
            lambda: (r.choice(("휴대폰", "휴대전화", "핸드폰")), self.phone("mobile")),
            lambda: (
                "계좌번호",
                f"{r.choice(KO_BANKS)} {self.digits(3)}-{self.digits(r.choice((2, 3, 6)))}-{self.digits(6)}",
            ),
            lambda: (r.choice(("주문번호", "거래번호", "영수증 번호")), self.digits(r.choice((8, 12, 16)))),
            lambda: (r.choice(("고객번호", "회원번호")), f"{self.digits(4)}-{self.digits(4)}"),
            lambda: ("업태", r.choice(common.BIS_TYPES)[0]),
            lambda: ("종목", r.choice(common.BIS_TYPES)[1]),
            lambda: (r.choice(("개업연월일", "계약일", "납품일", "발행일", "작성일자")), self.date()),
            lambda: (r.choice(("담당자", "담당")), f"{self.person()[0]} {r.choice(KO_POSITIONS)}"),
            lambda: (r.choice(("원산지", "제조국", "수출국")), r.choice(KO_COUNTRIES)),
            lambda: (r.choice(("결제 통화", "통화")), r.choice(KO_CURRENCIES)),
            lambda: ("사용 언어", ", ".join(r.sample(KO_LANGUAGES, 2))),
            lambda: (
                "결제수단",
                r.choice(("신용카드", "현금", "계좌이체", "카카오페이", "네이버페이", "법인카드")),
            ),
            lambda: ("할부", r.choice(("일시불", f"{r.randint(2, 12)}개월"))),
            lambda: (r.choice(("주소", "소재지", "사업장 소재지", "본점 소재지")), self.address()),
            lambda: ("유효기간", f"발행일로부터 {r.choice((7, 14, 30, 60, 90))}일"),
        ]

    def subtitle(self) -> str:
        return self.r.choice(("(공급받는자 보관용)", "(공급자 보관용)", "(고객용)", "(가맹점용)", "- 사본 -"))

    def amount(self) -> tuple[str, str]:
        label = self.r.choice(KO_AMOUNT_LABELS)
        n = self.money()
        if self.r.random() < 0.1:
            return "", f"일금 {ko_number(n)}원정 (₩{n:,})"
        return label, self.won(n)

    def date_line(self) -> tuple[str, str]:
        label = self.r.choice(
            ("발행일", "작성일자", "거래일시", "납품일", "결제일시", "계약일", "입금일", "")
        )
        text = self.date()
        if label.endswith("일시"):
            text = f"{text} {self.clock()}"
        return label, text

    def mixed(self) -> str:
        r = self.r
        name, roman = self.person()
        return r.choice(
            (
                f"성명 {roman}",
                f"영문 성명 {roman}",
                f"Tel. {self.phone()}",
                f"TEL {self.phone()}",
                f"FAX {self.phone()}",
                f"H.P {self.phone('mobile')}",
                f"www.{self.domain()}",
                f"https://www.{self.domain()}",
                f"E-mail: {self.email()}",
                f"TOTAL {self.won()}",
                f"VAT 포함 {self.money():,}원",
                f"No. {self.digits(4)}-{self.digits(4)}",
                f"Model: {r.choice('ABHKMS')}{r.choice('ABCDXZ')}-{self.digits(4)}{r.choice('KLPS')}",
                f"S/N {self.digits(2)}{r.choice('KHXQ')}{self.digits(1)}-{self.digits(4)}-{self.digits(4)}",
                f"CEO {name}",
                f"{KO_STEM_ROMAN[self.stem()].title()} {r.choice(('Tech', 'Trading', 'Systems'))} Co., Ltd.",
                f"주문번호 ORD-{self.day():%Y%m%d}-{self.digits(4)}",
                f"{r.choice(('VISA', 'MASTER', 'BC', 'AMEX'))} {self.card_mask()}",
                f"Page {r.randint(1, 2)} / {r.randint(2, 3)}",
                "Made in Korea",
            )
        )

    def sentence(self) -> str:
        r = self.r
        if r.random() < 0.2:
            return r.choice(KO_FIXED)
        if r.random() < 0.15:
            return f"{r.choice(KO_COUNTRIES)} 거래처와의 대금은 {r.choice(KO_CURRENCIES)}로 정산합니다."
        return f"{r.choice(KO_TOPIC)} {r.choice(KO_ADVERB)} {r.choice(KO_PREDICATE)}"

    def table(self) -> tuple[list[str], list[list[str]], list[bool]]:
        r = self.r
        style = r.randrange(3)
        head = (["품목", "수량", "단가", "금액"], ["No", "품명", "규격", "수량", "단가", "공급가액"])
        head += (["품명", "수량", "단가", "공급가액", "세액"],)
        rows = []
        for k, item in enumerate(r.sample(KO_ITEMS, r.randint(2, 4)), 1):
            qty, unit = r.randint(1, 40), self.money(500, 300_000)
            spec = r.choice(("EA", "BOX", "1식", "A4", "500매", "SET", "개"))
            cells = (
                [item, str(qty), f"{unit:,}", f"{qty * unit:,}"],
                [str(k), item, spec, str(qty), f"{unit:,}", f"{qty * unit:,}"],
            )
            cells += ([item, str(qty), f"{unit:,}", f"{qty * unit:,}", f"{qty * unit // 10:,}"],)
            rows.append(cells[style])
        numeric = [
            [False, True, True, True],
            [True, False, False, True, True, True],
            [False, True, True, True, True],
        ]
        return head[style], rows, numeric[style]

    def cells(self) -> list[str]:
        r = self.r
        qty, unit = r.randint(1, 30), self.money(500, 200_000)
        supply = self.money()
        return r.choice(
            (
                [f"수량 {qty}", f"단가 {unit:,}", f"금액 {qty * unit:,}"],
                [f"공급가액 {supply:,}", f"세액 {supply // 10:,}", f"합계 {supply + supply // 10:,}"],
                [f"일자 {self.day():%m-%d}", f"구분 {r.choice(('카드', '현금', '이체'))}", f"금액 {unit:,}"],
                [f"과세 {supply:,}", f"면세 {self.money(100, 50_000):,}"],
            )
        )

    def seal(self) -> str:
        return self.stem() + "인"
