"""Traditional Chinese (Taiwan) business text: 統一編號, 發票號碼, NT$ amounts, 民國 dates."""

from __future__ import annotations

import datetime as dt

from benchmarks.photo_text.base import Field, Writer, words

ZH_SURNAMES = dict(
    zip(
        words("陳|林|黃|張|李|王|吳|劉|蔡|楊|許|鄭|謝|郭|洪"),
        words("chen|lin|huang|chang|li|wang|wu|liu|tsai|yang|hsu|cheng|hsieh|kuo|hung"),
        strict=True,
    )
)
ZH_GIVEN = words("志明|淑芬|家豪|雅婷|俊傑|怡君|冠宇|欣怡|建宏|佳穎|宗翰|美玲|承恩|詩涵")
ZH_STEMS = dict(
    zip(
        words("台光|長興|宏達|聯成|永豐|大同|新光|華新|光陽|中興|東元|鴻運|金華|福星|榮昌"),
        words("taikuang|changhsing|hungta|liencheng|yungfeng|tatung|hsinkuang|huahsin|kuangyang")
        + words("chunghsing|tungyuan|hungyun|chinhua|fuhsing|jungchang"),
        strict=True,
    )
)
ZH_KINDS = words("科技|實業|電子|貿易|國際|工業|資訊|食品|建設|物流|精密|企業")
ZH_STREETS = words(
    "臺北市信義區信義路五段|臺北市中山區南京東路二段|臺北市大安區敦化南路一段|新北市板橋區文化路一段|"
    "桃園市中壢區中正路|臺中市西屯區臺灣大道三段|臺南市東區中華東路一段|高雄市前鎮區中山二路|"
    "新竹市東區光復路二段|基隆市仁愛區忠一路|新北市新莊區中正路"
)
ZH_COUNTRIES = words(
    "美國|日本|南韓|中國|越南|德國|法國|英國|加拿大|澳洲|新加坡|泰國|印尼|菲律賓|馬來西亞|印度|巴西|"
    "墨西哥|西班牙|義大利|荷蘭|瑞士|瑞典|紐西蘭|中國香港特別行政區|土耳其|阿拉伯聯合大公國|台灣"
)
ZH_CURRENCIES = words("美元|歐元|日圓|人民幣|英鎊|韓元|港幣|新台幣|瑞士法郎|澳幣|新加坡幣")
ZH_LANGUAGES = words("中文|英文|日文|韓文|法文|德文|西班牙文|越南文")
ZH_ITEMS = words(
    "A4影印紙|原子筆（黑）|碳粉匣|筆記型電腦|隨身碟 64GB|辦公椅|資料夾|紙箱|計算機|維護服務費|運費|"
    "LED燈管|礦泉水 600ml|名片印刷|安裝費"
)
ZH_TOPIC = words("本報價單|上述款項|本公司產品|貨品|發票|如有任何問題|付款期限|本合約|退換貨|訂單|本收據")
ZH_PREDICATE = words(
    "自開立日起三十日內有效。|請於收到後七日內匯款。|將於確認訂單後出貨。|依相關法令辦理。|"
    "請與承辦人員聯繫。|恕不接受退換。|已全數收訖。|以新臺幣計價。|須經雙方同意後生效。|請妥善保存。"
)
ZH_FIXED = words("茲收到上列款項無誤。|感謝您的惠顧，歡迎再次光臨。|以上報價均含營業稅。|請核對後簽名回傳。")


def zh_upper(n: int) -> str:
    """Chinese financial numerals (``肆萬伍仟``) as written on cheques and receipts."""
    digit, small = "零壹貳參肆伍陸柒捌玖", ("", "拾", "佰", "仟")
    out = ""
    zero = False
    for k in range(2, -1, -1):
        group = (n // 10 ** (4 * k)) % 10_000
        if not group:
            zero = bool(out)
            continue
        for p in range(3, -1, -1):
            d = (group // 10**p) % 10
            if d:
                out += ("零" if zero else "") + digit[d] + small[p]
                zero = False
            elif out:
                zero = True
        out += ("", "萬", "億")[k]
    return out or "零"


class ZhWriter(Writer):
    lang = "zh"
    seps = ("：", "：", " ", ": ")
    titles = words("報價單|請款單|收據|統一發票|出貨單|訂購單|合約書|估價單|送貨單|請購單")
    items = ZH_ITEMS

    def person(self) -> tuple[str, str]:
        s = self.r.choice(tuple(ZH_SURNAMES))
        return s + self.r.choice(ZH_GIVEN), ZH_SURNAMES[s]

    def stem(self) -> str:
        return self.r.choice(tuple(ZH_STEMS))

    def company(self) -> str:
        name = self.stem() + self.r.choice(ZH_KINDS)
        return self.r.choice(("{}股份有限公司", "{}有限公司", "{}企業社", "{}股份有限公司")).format(name)

    def email(self) -> str:
        local = self.r.choice((f"{self.person()[1]}{self.digits(2)}", "service", "sales", "account"))
        return f"{local}@{ZH_STEMS[self.stem()]}{self.r.choice(('.com.tw', '.com', '.tw'))}"

    def phone(self, kind: str = "line") -> str:
        if kind == "mobile":
            return f"09{self.digits(2)}-{self.digits(3)}-{self.digits(3)}"
        area = self.r.choice(("02", "03", "04", "06", "07"))
        return self.r.choice(
            (f"({area}) {self.digits(4)}-{self.digits(4)}", f"{area}-{self.digits(4)}-{self.digits(4)}")
        )

    def address(self) -> str:
        out = f"{self.r.choice(ZH_STREETS)}{self.r.randint(1, 399)}號"
        if self.r.random() < 0.6:
            out += f"{self.r.randint(2, 20)}樓" + (
                f"之{self.r.randint(1, 9)}" if self.r.random() < 0.3 else ""
            )
        if self.r.random() < 0.3:
            out = f"{self.digits(3)} {out}"
        return out

    def date(self, d: dt.date | None = None) -> str:
        d = d or self.day()
        text = self.r.choice(
            (
                f"{d.year}年{d.month}月{d.day}日",
                f"民國{d.year - 1911}年{d.month}月{d.day}日",
                f"{d.year - 1911}/{d:%m/%d}",
                f"{d:%Y/%m/%d}",
                f"{d:%Y-%m-%d}",
            )
        )
        if self.r.random() < 0.2:
            text += f"（{'一二三四五六日'[d.weekday()]}）"
        return text

    def ntd(self, n: int | None = None) -> str:
        n = self.money(100, 3_000_000, 10) if n is None else n
        return self.r.choice((f"NT${n:,}", f"{n:,}元", f"新臺幣 {n:,} 元", f"NT$ {n:,}", f"${n:,}"))

    def fields(self) -> list[Field]:
        r = self.r
        return [
            lambda: (r.choice(("公司名稱", "營業人名稱", "買受人")), self.company()),
            lambda: (r.choice(("負責人", "代表人", "聯絡人", "承辦人")), self.person()[0]),
            lambda: (r.choice(("統一編號", "統編")), self.digits(8)),
            lambda: (r.choice(("電話", "TEL")), self.phone()),
            lambda: (r.choice(("傳真", "FAX")), self.phone()),
            lambda: ("手機", self.phone("mobile")),
            lambda: (r.choice(("電子郵件", "E-mail")), self.email()),
            lambda: (
                r.choice(("發票號碼", "發票字軌")),
                f"{r.choice('ABCDEFGHJK')}{r.choice('MNPQRSTUVW')}-{self.digits(8)}",
            ),
            lambda: ("訂單編號", f"{self.day():%Y%m%d}{self.digits(4)}"),
            lambda: ("授權碼", self.digits(6)),
            lambda: ("卡號", self.card_mask()),
            lambda: (
                "匯款帳號",
                f"({self.digits(3)}) {self.digits(3)}-{self.digits(2)}-{self.digits(6)}-{self.digits(1)}",
            ),
            lambda: (r.choice(("產地", "原產國")), r.choice(ZH_COUNTRIES)),
            lambda: ("幣別", r.choice(ZH_CURRENCIES)),
            lambda: ("語言", "、".join(r.sample(ZH_LANGUAGES, 2))),
            lambda: ("付款方式", r.choice(("信用卡", "現金", "銀行轉帳", "LINE Pay", "貨到付款"))),
            lambda: (r.choice(("交貨日期", "開立日期", "報價日期", "有效期限")), self.date()),
            lambda: (r.choice(("地址", "營業地址", "送貨地址")), self.address()),
        ]

    def subtitle(self) -> str:
        return self.r.choice(("（收執聯）", "（存根聯）", "（客戶聯）", "第二聯：扣抵聯"))

    def amount(self) -> tuple[str, str]:
        label = self.r.choice(words("合計|總計|小計|營業稅|未稅金額|含稅總額|運費|折扣|應收金額|實收|找零"))
        n = self.money(100, 3_000_000, 10)
        if self.r.random() < 0.1:
            return "總計新臺幣", f"{zh_upper(n)}元整"
        return label, self.ntd(n)

    def date_line(self) -> tuple[str, str]:
        return self.r.choice(("日期", "開立日期", "交易時間", "")), self.date()

    def mixed(self) -> str:
        r = self.r
        return r.choice(
            (
                f"TEL {self.phone()}",
                f"FAX {self.phone()}",
                f"E-mail: {self.email()}",
                f"www.{ZH_STEMS[self.stem()]}.com.tw",
                f"No. {self.digits(8)}",
                f"TOTAL {self.ntd()}",
                f"{ZH_STEMS[self.stem()].title()} {r.choice(('Technology', 'Trading'))} Co., Ltd.",
                f"型號 {r.choice('ABKMX')}{r.choice('CDRZ')}-{self.digits(4)}",
                f"{r.choice(('VISA', 'JCB', 'MasterCard'))} {self.card_mask()}",
                "Made in Taiwan",
            )
        )

    def sentence(self) -> str:
        r = self.r
        if r.random() < 0.25:
            return r.choice(ZH_FIXED)
        if r.random() < 0.15:
            return f"與{r.choice(ZH_COUNTRIES)}客戶之交易以{r.choice(ZH_CURRENCIES)}結算。"
        return r.choice(ZH_TOPIC) + r.choice(ZH_PREDICATE)

    def table(self) -> tuple[list[str], list[list[str]], list[bool]]:
        r = self.r
        rows = []
        for item in r.sample(ZH_ITEMS, r.randint(2, 4)):
            qty, unit = r.randint(1, 40), self.money(10, 80_000, 10)
            rows.append([item, str(qty), f"{unit:,}", f"{qty * unit:,}"])
        return ["品名", "數量", "單價", "金額"], rows, [False, True, True, True]

    def cells(self) -> list[str]:
        qty, unit = self.r.randint(1, 30), self.money(10, 50_000, 10)
        sub = self.money(100, 1_000_000, 10)
        return self.r.choice(
            (
                [f"數量 {qty}", f"單價 {unit:,}", f"金額 {qty * unit:,}"],
                [f"銷售額 {sub:,}", f"營業稅 {sub // 20:,}", f"總計 {sub + sub // 20:,}"],
            )
        )

    def seal(self) -> str:
        return "印"
