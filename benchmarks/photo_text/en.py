"""English business text: US/UK-style addresses, invoice numbers, dollar amounts, dates."""

from __future__ import annotations

import datetime as dt

from benchmarks.photo_text.base import Field, Writer, words

EN_FIRST = words(
    "James|Mary|John|Patricia|Robert|Jennifer|Michael|Linda|David|Elizabeth|William|Susan|Daniel"
)
EN_FIRST += words("Sarah|Thomas|Karen|Minjun|Yuki|Carlos|Priya|Olivia|Noah")
EN_LAST = words("Smith|Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Wilson|Anderson|Taylor|Moore|Martin")
EN_LAST += words("Lee|Kim|Park|Nguyen|Patel|O'Brien|Schmidt")
EN_STEMS = words(
    "Blue Ridge|Northwind|Summit|Harbor|Silver Oak|Pioneer|Redwood|Evergreen|Bright Path|Granite"
)
EN_STEMS += words("Atlas|Meridian|Crescent|Hanbit|Lakeside|Keystone")
EN_KINDS = words(
    "Trading|Technologies|Logistics|Foods|Supply|Systems|Consulting|Electronics|Industries|Partners"
)
EN_STREETS = words(
    "Market|Main|Oak|Maple|Pine|Cedar|Elm|Washington|Lake|Hill|Park|Sunset|Broadway|Mission|King"
)
EN_CITIES = words(
    "San Francisco, CA 94105|New York, NY 10001|Austin, TX 78701|Seattle, WA 98101|Chicago, IL 60601|"
    "Boston, MA 02108|Denver, CO 80202|London EC1A 1BB|Toronto, ON M5H 2N2|Sydney NSW 2000|Singapore 018989|"
    "Gangnam-gu, Seoul 06236|Portland, OR 97204"
)
EN_COUNTRIES = words(
    "United States|Japan|South Korea|China|Vietnam|Germany|France|United Kingdom|Canada|Australia|Singapore|"
    "Thailand|Indonesia|Philippines|Malaysia|India|Brazil|Mexico|Spain|Italy|Netherlands|Switzerland|Sweden|"
    "New Zealand|Hong Kong SAR China|Türkiye|United Arab Emirates|Taiwan"
)
EN_CURRENCIES = words(
    "US Dollar|Euro|Japanese Yen|Chinese Yuan|British Pound|South Korean Won|Hong Kong Dollar|Swiss Franc|"
    "Canadian Dollar|Australian Dollar|Singapore Dollar|New Taiwan Dollar"
)
EN_LANGUAGES = words("English|Korean|Japanese|Chinese|French|German|Spanish|Vietnamese|Thai")
EN_ITEMS = words(
    "Copy Paper A4 (500 sheets)|Ballpoint Pen, Black|Toner Cartridge|Laptop Stand|USB Flash Drive 64GB|"
    "Office Chair|Shipping Boxes|Maintenance Service|Freight|LED Desk Lamp|Spring Water 2L|Business Cards|"
    "Installation Fee|Software License (1 yr)"
)
EN_TOPIC = words(
    "Payment is due|All prices are quoted|This quotation is valid|Returns are accepted|"
    "Late payments are charged|Goods are shipped|Invoices are issued|Orders are confirmed|"
    "Warranty claims are handled|Refunds are processed"
)
EN_TAIL = words(
    "within 30 days of the invoice date.|in US dollars unless stated otherwise.|for 60 days from issue.|"
    "within 14 days of delivery.|at 1.5% per month.|by standard ground freight.|at the end of each month.|"
    "by e-mail within one business day.|according to our standard terms.|to the original payment method."
)
EN_FIXED = words(
    "Thank you for your business.|Please include the invoice number with your payment.|"
    "Goods remain the property of the seller until paid in full.|Questions? Contact our billing team.|"
    "This is a computer-generated document; no signature is required."
)


class EnWriter(Writer):
    lang = "en"
    seps = (": ", ": ", " ", " ")
    titles = words("INVOICE|Quotation|RECEIPT|Purchase Order|Packing List|Statement of Account|Delivery Note")
    items = EN_ITEMS

    def person(self) -> tuple[str, str]:
        first, last = self.r.choice(EN_FIRST), self.r.choice(EN_LAST)
        return f"{first} {last}", f"{first}.{last}".lower().replace("'", "")

    def stem(self) -> str:
        return self.r.choice(EN_STEMS)

    def company(self) -> str:
        name = f"{self.stem()} {self.r.choice(EN_KINDS)}"
        return self.r.choice(
            ("{} Inc.", "{} LLC", "{} Ltd.", "{} Co., Ltd.", "{} Corporation", "{} & Co.")
        ).format(name)

    def email(self) -> str:
        local = self.r.choice((self.person()[1], "billing", "sales", "orders", "ap"))
        return (
            f"{local}@{self.stem().lower().replace(' ', '')}{self.r.choice(('.com', '.co', '.net', '.io'))}"
        )

    def phone(self, kind: str = "line") -> str:
        return self.r.choice(
            (
                f"({self.r.randint(201, 989)}) {self.digits(3)}-{self.digits(4)}",
                f"+1 {self.r.randint(201, 989)}-{self.digits(3)}-{self.digits(4)}",
                f"+82 2-{self.digits(3)}-{self.digits(4)}",
                f"+44 20 {self.digits(4)} {self.digits(4)}",
                f"{self.r.randint(201, 989)}.{self.digits(3)}.{self.digits(4)}",
            )
        )

    def address(self) -> str:
        kind = self.r.choice(("Street", "Avenue", "Road", "Blvd.", "Drive"))
        street = f"{self.r.randint(1, 9999)} {self.r.choice(EN_STREETS)} {kind}"
        if self.r.random() < 0.4:
            street += f", Suite {self.r.randint(100, 1200)}"
        return self.r.choice((street, f"{street}, {self.r.choice(EN_CITIES)}", self.r.choice(EN_CITIES)))

    def date(self, d: dt.date | None = None) -> str:
        d = d or self.day()
        return self.r.choice(
            (
                f"{d:%B} {d.day}, {d.year}",
                f"{d.day} {d:%B} {d.year}",
                f"{d:%b} {d.day}, {d.year}",
                f"{d:%m/%d/%Y}",
                f"{d:%Y-%m-%d}",
                f"{d:%A}, {d:%B} {d.day}, {d.year}",
            )
        )

    def dollars(self, n: float | None = None) -> str:
        v = self.money(5, 250_000, 1) + self.r.randint(0, 99) / 100 if n is None else n
        cur = self.r.choice(("$", "$", "USD ", "EUR ", "£", "€"))
        return f"{cur}{v:,.2f}"

    def fields(self) -> list[Field]:
        r = self.r
        return [
            lambda: (r.choice(("Company", "Bill To", "Ship To", "Vendor")), self.company()),
            lambda: (r.choice(("Contact", "Attn", "Prepared by", "Sales Rep")), self.person()[0]),
            lambda: (
                r.choice(("Invoice No.", "Order No.", "PO Number", "Reference")),
                f"{r.choice(('INV', 'PO', 'SO'))}-{self.day():%Y}-{self.digits(4)}",
            ),
            lambda: (r.choice(("Account No.", "Customer ID")), self.digits(8)),
            lambda: (r.choice(("Tax ID", "EIN")), f"{self.digits(2)}-{self.digits(7)}"),
            lambda: ("VAT Reg. No.", f"GB {self.digits(3)} {self.digits(4)} {self.digits(2)}"),
            lambda: (r.choice(("Phone", "Tel", "Fax", "Mobile")), self.phone()),
            lambda: (r.choice(("Email", "E-mail")), self.email()),
            lambda: ("Card No.", f"**** **** **** {self.digits(4)}"),
            lambda: (r.choice(("Auth Code", "Approval Code")), self.digits(6)),
            lambda: (r.choice(("Due Date", "Invoice Date", "Ship Date", "Valid Until")), self.date()),
            lambda: ("Terms", r.choice(("Net 30", "Net 15", "Due on receipt", "2% 10, Net 30"))),
            lambda: ("Country of Origin", r.choice(EN_COUNTRIES)),
            lambda: ("Currency", r.choice(EN_CURRENCIES)),
            lambda: ("Languages", ", ".join(r.sample(EN_LANGUAGES, 2))),
            lambda: (r.choice(("Address", "Remit To")), self.address()),
            lambda: ("Payment Method", r.choice(("Wire Transfer", "Credit Card", "Check", "ACH"))),
        ]

    def subtitle(self) -> str:
        return self.r.choice(("(Customer Copy)", "ORIGINAL", "Page 1 of 1", "(Duplicate)"))

    def amount(self) -> tuple[str, str]:
        label = self.r.choice(
            words("Subtotal|Tax (8.5%)|Sales Tax|Total|Total Due|Balance Due|Shipping & Handling")
        )
        label = self.r.choice((label, label, "Discount", "Amount Paid", "Grand Total"))
        return label, self.dollars()

    def date_line(self) -> tuple[str, str]:
        return self.r.choice(("Date", "Issued", "Invoice Date", "")), self.date()

    def mixed(self) -> str:
        r = self.r
        return r.choice(
            (
                f"www.{self.stem().lower().replace(' ', '')}.com",
                f"Tel. {self.phone()}",
                f"SKU {r.choice('ABHK')}-{self.digits(4)}",
                f"S/N {self.digits(3)}{r.choice('KXQ')}-{self.digits(5)}",
                f"Ref. #{self.digits(7)}",
                f"VISA ending in {self.digits(4)}",
                f"Page {r.randint(1, 2)} of {r.randint(2, 3)}",
                f"QTY {r.randint(1, 99)} @ {self.dollars()}",
            )
        )

    def sentence(self) -> str:
        r = self.r
        if r.random() < 0.25:
            return r.choice(EN_FIXED)
        if r.random() < 0.15:
            return f"Orders shipped to {r.choice(EN_COUNTRIES)} are invoiced in {r.choice(EN_CURRENCIES)}."
        return f"{r.choice(EN_TOPIC)} {r.choice(EN_TAIL)}"

    def table(self) -> tuple[list[str], list[list[str]], list[bool]]:
        r = self.r
        rows = []
        for item in r.sample(EN_ITEMS, r.randint(2, 4)):
            qty, unit = r.randint(1, 40), self.money(1, 5_000, 1) + r.randint(0, 99) / 100
            rows.append([item, str(qty), f"{unit:,.2f}", f"{qty * unit:,.2f}"])
        return ["Description", "Qty", "Unit Price", "Amount"], rows, [False, True, True, True]

    def cells(self) -> list[str]:
        qty, unit = self.r.randint(1, 30), self.money(1, 2_000, 1)
        sub = self.money(10, 100_000, 1)
        return self.r.choice(
            (
                [f"Qty {qty}", f"Unit {unit:,}.00", f"Amount {qty * unit:,}.00"],
                [f"Subtotal {sub:,}.00", f"Tax {sub * 0.085:,.2f}", f"Total {sub * 1.085:,.2f}"],
            )
        )

    def seal(self) -> str:
        return "PAID"
