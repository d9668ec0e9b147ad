"""Japanese business text: 株式会社 names, 〒 addresses, 登録番号, yen amounts, 令和 dates."""

from __future__ import annotations

import datetime as dt

from benchmarks.photo_text.base import Field, Writer, words

JA_SURNAMES = dict(
    zip(
        words(
            "佐藤|鈴木|高橋|田中|伊藤|渡辺|山本|中村|小林|加藤|吉田|山田|佐々木|山口|松本|井上|木村|林|清水"
        ),
        words("sato|suzuki|takahashi|tanaka|ito|watanabe|yamamoto|nakamura|kobayashi|kato|yoshida|yamada")
        + words("sasaki|yamaguchi|matsumoto|inoue|kimura|hayashi|shimizu"),
        strict=True,
    )
)
JA_GIVEN = dict(
    zip(
        words("太郎|花子|翔太|美咲|健一|陽菜|大輔|結衣|拓也|さくら|直樹|愛|蓮|葵"),
        words("taro|hanako|shota|misaki|kenichi|hina|daisuke|yui|takuya|sakura|naoki|ai|ren|aoi"),
        strict=True,
    )
)
JA_STEMS = dict(
    zip(
        words("ひかり|さくら|富士|日本|東洋|大和|青葉|北斗|朝日|三協|平和|未来|中央|若葉|みどり"),
        words("hikari|sakura|fuji|nihon|toyo|yamato|aoba|hokuto|asahi|sankyo|heiwa|mirai|chuo|wakaba|midori"),
        strict=True,
    )
)
JA_KINDS = words("商事|工業|電機|物産|産業|技研|システム|ソリューションズ|食品|建設|製作所|運輸|企画|不動産")
JA_PLACES = words(
    "東京都千代田区丸の内|東京都港区六本木|東京都新宿区西新宿|東京都渋谷区道玄坂|大阪府大阪市北区梅田|"
    "大阪府大阪市中央区本町|愛知県名古屋市中村区名駅|福岡県福岡市博多区博多駅前|北海道札幌市中央区北一条西|"
    "神奈川県横浜市西区みなとみらい|京都府京都市下京区四条通|兵庫県神戸市中央区三宮町|宮城県仙台市青葉区中央|"
    "広島県広島市中区紙屋町|埼玉県さいたま市大宮区桜木町"
)
JA_COUNTRIES = words(
    "アメリカ合衆国|日本|韓国|中国|台湾|ベトナム|タイ|ドイツ|フランス|イギリス|カナダ|オーストラリア|"
    "シンガポール|インドネシア|フィリピン|マレーシア|インド|ブラジル|メキシコ|スペイン|イタリア|オランダ|"
    "スイス|スウェーデン|ニュージーランド|中華人民共和国香港特別行政区|トルコ|アラブ首長国連邦"
)
JA_CURRENCIES = words(
    "米ドル|ユーロ|日本円|中国人民元|英国ポンド|韓国ウォン|香港ドル|新台湾ドル|"
    "スイス フラン|オーストラリア ドル"
)
JA_LANGUAGES = words("日本語|英語|中国語|韓国語|フランス語|ドイツ語|スペイン語|ベトナム語|タイ語")
JA_ITEMS = words(
    "A4コピー用紙|ボールペン（黒）|トナーカートリッジ|ノートパソコン|USBメモリ 32GB|事務用チェア|"
    "クリアファイル|段ボール箱|電卓|保守サービス料|配送料|LED電球|ミネラルウォーター 2L|名刺印刷|設置作業費"
)
JA_TOPIC = words(
    "お支払いは|商品の発送は|本見積書の有効期限は|ご注文の確認は|返品・交換は|請求書の再発行は|"
    "納品後の検収は|契約の更新は|ポイントの付与は|領収書の発行は|振込手数料は|キャンセルは"
)
JA_PREDICATE = words(
    "発行日から30日以内とします。|銀行振込にてお願いいたします。|3営業日以内に行います。|"
    "担当者までご連絡ください。|当社規定により承ります。|別途ご案内いたします。|月末締め翌月末払いとなります。|"
    "商品到着後7日以内に限ります。|メールにて承ります。|貴社にてご負担ください。|ご了承ください。"
)
JA_FIXED = words(
    "下記の通りご請求申し上げます。|平素は格別のお引き立てを賜り、厚く御礼申し上げます。|"
    "上記の金額を正に領収いたしました。|下記の通り御見積申し上げます。|ご不明な点がございましたらお問い合わせください。"
)
JA_BANKS = words("みずほ銀行|三菱UFJ銀行|三井住友銀行|りそな銀行|ゆうちょ銀行|横浜銀行")


class JaWriter(Writer):
    lang = "ja"
    seps = ("：", "：", " ", "　", ": ")
    titles = words("請求書|御見積書|納品書|領収書|注文書|契約書|検収書|発注書|支払明細書|御請求書")
    items = JA_ITEMS

    def person(self) -> tuple[str, str]:
        s, g = self.r.choice(tuple(JA_SURNAMES)), self.r.choice(tuple(JA_GIVEN))
        return f"{s}{self.r.choice(('', ' ', '　'))}{g}".replace("　", " "), f"{JA_GIVEN[g]}.{JA_SURNAMES[s]}"

    def stem(self) -> str:
        return self.r.choice(tuple(JA_STEMS))

    def company(self) -> str:
        name = self.stem() + self.r.choice(JA_KINDS)
        return self.r.choice(("株式会社{}", "{}株式会社", "有限会社{}", "合同会社{}", "（株）{}")).format(
            name
        )

    def email(self) -> str:
        local = self.r.choice((self.person()[1], "info", "sales", "keiri"))
        return f"{local}@{JA_STEMS[self.stem()]}{self.r.choice(('.co.jp', '.jp', '.com'))}"

    def phone(self, kind: str = "line") -> str:
        if kind == "mobile":
            return f"{self.r.choice(('090', '080', '070'))}-{self.digits(4)}-{self.digits(4)}"
        return f"{self.r.choice(('03', '06'))}-{self.r.randint(1000, 9999)}-{self.digits(4)}"

    def address(self) -> str:
        block = f"{self.r.randint(1, 9)}-{self.r.randint(1, 20)}-{self.r.randint(1, 30)}"
        out = self.r.choice(JA_PLACES) + block
        if self.r.random() < 0.5:
            out += f" {self.stem()}ビル{self.r.randint(2, 15)}階"
        if self.r.random() < 0.3:
            out = f"〒{self.digits(3)}-{self.digits(4)} {out}"
        return out

    def date(self, d: dt.date | None = None) -> str:
        d = d or self.day()
        text = self.r.choice(
            (
                f"{d.year}年{d.month}月{d.day}日",
                f"令和{d.year - 2018}年{d.month}月{d.day}日",
                f"{d:%Y/%m/%d}",
                f"{d:%Y-%m-%d}",
                f"{d.year}年{d.month:02d}月{d.day:02d}日",
            )
        )
        if self.r.random() < 0.2:
            text += f"（{'月火水木金土日'[d.weekday()]}）"
        return text

    def yen(self, n: int | None = None) -> str:
        n = self.money() if n is None else n
        return self.r.choice((f"¥{n:,}", f"￥{n:,}", f"{n:,}円", f"¥{n:,}-", f"{n:,} 円"))

    def fields(self) -> list[Field]:
        r = self.r
        return [
            lambda: (r.choice(("会社名", "社名", "商号")), self.company()),
            lambda: (r.choice(("代表者", "代表取締役", "氏名", "担当者")), self.person()[0]),
            lambda: ("登録番号", f"T{self.digits(13)}"),
            lambda: ("法人番号", self.digits(13)),
            lambda: (r.choice(("電話", "TEL", "電話番号")), self.phone()),
            lambda: ("FAX", self.phone()),
            lambda: (r.choice(("携帯", "携帯電話")), self.phone("mobile")),
            lambda: (r.choice(("メール", "E-mail")), self.email()),
            lambda: (
                r.choice(("請求番号", "注文番号", "伝票番号")),
                f"{r.choice(('INV', 'PO', 'No.'))}-{self.digits(6)}",
            ),
            lambda: ("承認番号", self.digits(7)),
            lambda: ("カード番号", self.card_mask()),
            lambda: (
                "振込先",
                f"{r.choice(JA_BANKS)} {r.choice(('本店', '新宿支店', '梅田支店'))} 普通 {self.digits(7)}",
            ),
            lambda: (r.choice(("原産国", "原産地")), r.choice(JA_COUNTRIES)),
            lambda: ("通貨", r.choice(JA_CURRENCIES)),
            lambda: ("対応言語", "・".join(r.sample(JA_LANGUAGES, 2))),
            lambda: ("お支払方法", r.choice(("銀行振込", "クレジットカード", "現金", "口座振替"))),
            lambda: (r.choice(("支払期限", "発行日", "納品日", "有効期限")), self.date()),
            lambda: (r.choice(("住所", "所在地")), self.address()),
        ]

    def subtitle(self) -> str:
        return self.r.choice(("（控）", "（お客様控え）", "下記の通りご請求申し上げます。"))

    def amount(self) -> tuple[str, str]:
        label = self.r.choice(
            words("合計金額|合計|小計|消費税|消費税（10%）|税込合計|送料|値引|ご請求金額|お預り|お釣り")
        )
        return label, self.yen()

    def date_line(self) -> tuple[str, str]:
        label = self.r.choice(("発行日", "請求日", "納品日", "日付", ""))
        return label, self.date()

    def mixed(self) -> str:
        r = self.r
        return r.choice(
            (
                f"TEL {self.phone()}",
                f"FAX {self.phone()}",
                f"E-mail: {self.email()}",
                f"https://www.{JA_STEMS[self.stem()]}.co.jp",
                f"No. {self.digits(6)}",
                f"TOTAL {self.yen()}",
                f"登録番号 T{self.digits(13)}",
                f"{JA_STEMS[self.stem()].title()} {r.choice(('Trading', 'Industries', 'Systems'))} Co., Ltd.",
                f"型番 {r.choice('ABKMX')}{r.choice('CDRZ')}-{self.digits(3)}",
                f"{r.choice(('VISA', 'JCB', 'Mastercard'))} {self.card_mask()}",
            )
        )

    def sentence(self) -> str:
        r = self.r
        if r.random() < 0.25:
            return r.choice(JA_FIXED)
        if r.random() < 0.15:
            return f"{r.choice(JA_COUNTRIES)}からの輸入品は{r.choice(JA_CURRENCIES)}建てで精算します。"
        return r.choice(JA_TOPIC) + r.choice(JA_PREDICATE)

    def table(self) -> tuple[list[str], list[list[str]], list[bool]]:
        r = self.r
        rows = []
        for item in r.sample(JA_ITEMS, r.randint(2, 4)):
            qty, unit = r.randint(1, 40), self.money(100, 200_000)
            rows.append([item, str(qty), f"{unit:,}", f"{qty * unit:,}"])
        return ["品名", "数量", "単価", "金額"], rows, [False, True, True, True]

    def cells(self) -> list[str]:
        qty, unit = self.r.randint(1, 30), self.money(100, 100_000)
        sub = self.money()
        return self.r.choice(
            (
                [f"数量 {qty}", f"単価 {unit:,}", f"金額 {qty * unit:,}"],
                [f"小計 {sub:,}", f"消費税 {sub // 10:,}", f"合計 {sub + sub // 10:,}"],
            )
        )

    def seal(self) -> str:
        return "印"
