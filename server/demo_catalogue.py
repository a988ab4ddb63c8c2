"""What the demo data is made of: sellers and their goods, marketplaces, carriers, and buyers'
addresses in English, Dutch, Russian and Chinese (server/demo.py puts them together).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of product: its title, photo shape, weight and price range, and its variants."""

    slug: str
    title: str
    shape: str  # what the photo draws: mug, box, bottle, shirt, round, flat, tube
    grams: tuple[int, int]
    price: tuple[float, float]
    colours: tuple[str, ...] = ("black",)
    sizes: tuple[str, ...] = ("",)


COLOURS = {
    "black": (40, 40, 46),
    "white": (235, 235, 230),
    "blue": (52, 101, 164),
    "red": (200, 55, 55),
    "green": (78, 154, 6),
    "sand": (212, 190, 150),
    "grey": (140, 140, 140),
    "pink": (230, 140, 170),
    "brown": (130, 85, 50),
    "yellow": (237, 212, 0),
}

KINDS = {
    k.slug: k
    for k in (
        Kind("mug", "Stoneware coffee mug 350 ml", "mug", (320, 420), (9, 18), ("blue", "white", "sand")),
        Kind("towel", "Linen tea towel 50×70 cm", "flat", (90, 140), (7, 14), ("grey", "sand", "green")),
        Kind("board", "Bamboo cutting board", "flat", (450, 1200), (14, 39), ("brown",), ("S", "M", "L")),
        Kind(
            "earbuds", "Wireless earbuds with charging case", "round", (55, 80), (19, 79), ("black", "white")
        ),
        Kind("cable", "USB-C charging cable 2 m", "tube", (40, 60), (5, 15), ("black", "white")),
        Kind(
            "case", "Silicone phone case for iPhone 15", "box", (30, 45), (8, 22), ("black", "blue", "pink")
        ),
        Kind("yogamat", "Yoga mat 6 mm non-slip", "tube", (900, 1300), (19, 49), ("green", "blue", "grey")),
        Kind(
            "bottle",
            "Stainless steel water bottle 750 ml",
            "bottle",
            (280, 360),
            (14, 32),
            ("black", "blue", "green"),
        ),
        Kind("candle", "Scented soy candle in glass jar", "mug", (250, 420), (11, 28), ("sand", "white")),
        Kind(
            "tshirt",
            "Organic cotton T-shirt",
            "shirt",
            (150, 220),
            (12, 29),
            ("white", "black", "blue"),
            ("S", "M", "L", "XL"),
        ),
        Kind("beanie", "Knitted merino beanie", "round", (70, 110), (15, 35), ("grey", "red", "black")),
        Kind("pot", "Ceramic plant pot 14 cm", "mug", (600, 900), (12, 26), ("white", "sand", "green")),
        Kind("lamp", "LED desk lamp, dimmable", "box", (700, 1100), (25, 59), ("black", "white")),
        Kind("tea", "Loose leaf green tea 100 g", "box", (120, 140), (6, 16), ("green",)),
        Kind("puzzle", "Wooden jigsaw puzzle for children", "box", (300, 500), (12, 24), ("yellow",)),
        Kind("bell", "Bicycle bell, brass", "round", (60, 90), (6, 19), ("yellow", "black")),
        Kind("wallet", "Leather bifold wallet", "flat", (80, 120), (19, 59), ("brown", "black")),
        Kind("necklace", "Sterling silver pendant necklace", "round", (15, 30), (24, 89), ("grey",)),
        Kind(
            "matryoshka",
            "Hand-painted matryoshka doll, 5 pieces",
            "bottle",
            (180, 260),
            (18, 45),
            ("red", "blue"),
        ),
        Kind(
            "notebook", "Dotted notebook A5, 160 pages", "flat", (240, 300), (7, 19), ("black", "blue", "red")
        ),
        Kind("pen", "Fountain pen, fine nib", "tube", (25, 40), (12, 48), ("black", "blue")),
        Kind("dogtoy", "Rubber dog chew toy", "round", (110, 180), (6, 15), ("red", "blue")),
        Kind("scale", "Digital kitchen scale 5 kg", "flat", (350, 520), (12, 29), ("white", "black")),
        Kind(
            "pillow",
            "Throw pillow cover 45×45 cm",
            "flat",
            (120, 180),
            (9, 24),
            ("sand", "grey", "blue", "pink"),
        ),
        Kind("lights", "Bicycle light set, USB rechargeable", "box", (120, 190), (14, 34), ("black",)),
        Kind(
            "socks",
            "Bamboo socks, 3 pairs",
            "flat",
            (110, 150),
            (9, 19),
            ("black", "grey"),
            ("39-42", "43-46"),
        ),
    )
}


@dataclass(frozen=True)
class Seller:
    name: str
    prep_center: str
    sku_prefix: str
    vendor: str
    currency: str
    ean_prefix: str  # GS1 country prefix + company digits
    marketplaces: tuple[str, ...]
    kinds: tuple[str, ...]
    on_amazon: bool


SELLERS = (
    Seller("Nordic Home Goods", "A", "NHG", "Nordhem", "USD", "5701234", ("Amazon", "Walmart", "Shopify"),
           ("mug", "towel", "board", "candle", "pot", "pillow", "scale", "bottle"), True),
    Seller("Pixel Gadgets Ltd", "A", "PXG", "Voltix", "GBP", "5012345", ("Amazon", "eBay"),
           ("earbuds", "cable", "case", "lamp", "lights", "scale", "bottle", "notebook", "pen", "dogtoy"), True),
    Seller("Lotus Tea Co.", "A", "LTC", "Lotus Leaf", "USD", "0812345", ("Etsy", "Shopify", "Amazon"),
           ("tea", "mug", "candle", "notebook", "pen", "pot", "towel", "pillow"), True),
    Seller("Van Dijk Fietsen", "A", "VDF", "Van Dijk", "EUR", "8712345", ("Bol.com", "Amazon"),
           ("bell", "lights", "bottle", "beanie", "socks", "wallet", "yogamat", "cable"), True),
    Seller("Babushka Crafts", "A", "BBC", "Babushka", "RUB", "4601234", ("Ozon", "Etsy"),
           ("matryoshka", "notebook", "beanie", "candle", "necklace", "pillow", "towel", "mug", "socks"), False),
    Seller("Shenzhen Bright Electronics", "A", "SBE", "BrightOne", "USD", "6931234", ("AliExpress", "eBay", "Amazon"),
           ("earbuds", "cable", "case", "lamp", "lights", "dogtoy", "bottle", "notebook", "pen"), True),
    Seller("Maple & Oak Apparel", "B", "MOA", "Maple & Oak", "USD", "0891234", ("Shopify", "Amazon"),
           ("tshirt", "beanie", "socks", "wallet", "yogamat"), True),
)  # fmt: skip

# Which buyers each marketplace has (country codes, repeated for weight).
MARKET_COUNTRIES = {
    "Amazon": ("US", "US", "US", "GB", "GB", "NL"),
    "Walmart": ("US",),
    "Shopify": ("US", "GB", "NL", "RU", "CN"),
    "eBay": ("GB", "GB", "US", "CN"),
    "Etsy": ("US", "GB", "NL", "RU"),
    "Bol.com": ("NL",),
    "Ozon": ("RU",),
    "AliExpress": ("CN", "RU", "NL"),
}

# Services whose carriers Prepdesk reads by their tracking numbers (`app.scan`), so every demo
# parcel scans as what it is (server/demo_tracking.py makes the numbers).
SHIPPING = {
    "US": ("UPS Ground", "USPS Ground Advantage", "FedEx Home Delivery"),
    "GB": ("Royal Mail Tracked 48", "UPS Standard", "DPD Next Day"),
    "NL": ("PostNL Pakket International", "DPD Classic"),
    "RU": ("Russian Post First Class", "Russian Post EMS"),
    "CN": ("DHL Express Worldwide", "China Post EMS"),
}

# (name, company, street1, street2, city, region, postcode, phone, email)
ADDRESSES: dict[str, tuple[tuple[str, ...], ...]] = {
    "US": (
        ("Emily Johnson", "", "350 Fifth Avenue", "Apt 5B", "New York", "NY", "10118", "+1 212 555 0143", "emily.j@example.com"),
        ("Michael Brown", "", "1234 Elm Street", "", "Austin", "TX", "78701", "+1 512 555 0190", ""),
        ("Sarah Miller", "Miller Design LLC", "88 Colin P Kelly Jr Street", "Suite 200", "San Francisco", "CA", "94107", "+1 415 555 0102", ""),
        ("David Garcia", "", "500 Pine Street", "", "Seattle", "WA", "98101", "+1 206 555 0155", "dgarcia@example.org"),
        ("Jessica Wilson", "", "2200 N Lamar Blvd", "Unit 310", "Dallas", "TX", "75202", "+1 214 555 0177", ""),
    ),
    "GB": (
        ("Oliver Smith", "", "221B Baker Street", "", "London", "", "NW1 6XE", "+44 20 7946 0958", ""),
        ("Amelia Jones", "", "14 Deansgate", "Flat 3", "Manchester", "", "M3 2BW", "+44 161 496 0321", ""),
        ("Harry Taylor", "Taylor & Sons", "7 Castle Street", "", "Edinburgh", "", "EH2 3AH", "+44 131 496 0742", ""),
        ("Isla Davies", "", "3 Queen Square", "", "Bristol", "", "BS1 4JQ", "+44 117 496 0611", ""),
    ),
    "NL": (
        ("Jan de Vries", "", "Keizersgracht 123", "", "Amsterdam", "Noord-Holland", "1015 CJ", "+31 20 555 0134", ""),
        ("Sanne Bakker", "", "Oudegracht 45-B", "", "Utrecht", "Utrecht", "3511 AJ", "+31 30 555 0178", ""),
        ("Pieter van den Berg", "Van den Berg B.V.", "Coolsingel 40", "3e verdieping", "Rotterdam", "Zuid-Holland", "3011 AD", "", ""),
        ("Lotte Smit", "", "Grote Markt 12", "", "Groningen", "Groningen", "9712 HS", "+31 50 555 0190", ""),
        ("Daan Visser", "", "Breestraat 8", "", "Leiden", "Zuid-Holland", "2312 AJ", "", "daan.visser@example.nl"),
    ),
    "RU": (
        ("Иванова Мария Сергеевна", "", "ул. Тверская, д. 12, кв. 45", "", "Москва", "", "125009", "+7 916 555-21-43", ""),
        ("Петров Алексей Николаевич", "", "Невский пр-т, д. 28, кв. 7", "", "Санкт-Петербург", "", "191186", "+7 921 555-08-17", ""),
        ("Смирнова Ольга Викторовна", "", "ул. Ленина, д. 5, кв. 101", "", "Новосибирск", "Новосибирская обл.", "630099", "+7 913 555-44-02", ""),
        ("Кузнецов Дмитрий Игоревич", "ООО «Ромашка»", "ул. Баумана, д. 44", "офис 3", "Казань", "Республика Татарстан", "420111", "+7 843 555-67-89", ""),
        ("Соколова Анна Павловна", "", "ул. Малышева, д. 31, кв. 12", "", "Екатеринбург", "Свердловская обл.", "620014", "", ""),
    ),
    "CN": (
        ("王伟", "", "朝阳区建国路88号SOHO现代城2号楼1503室", "", "北京市", "北京市", "100022", "+86 138 0013 8000", ""),
        ("李娜", "", "浦东新区世纪大道100号", "环球金融中心25楼", "上海市", "上海市", "200120", "+86 139 1234 5678", ""),
        ("张敏", "", "天河区天河路385号", "", "广州市", "广东省", "510620", "+86 135 0246 8135", ""),
        ("刘洋", "腾达科技有限公司", "南山区科技园科苑路15号", "", "深圳市", "广东省", "518057", "+86 137 2468 1357", ""),
        ("陈静", "", "西湖区文三路90号", "", "杭州市", "浙江省", "310012", "", ""),
    ),
}  # fmt: skip

# A few buyers whose platform says their language: their packing slips print in it.
BUYER_LANGUAGES = {"Иванова Мария Сергеевна": "ru", "Петров Алексей Николаевич": "ru", "王伟": "zh-CN",
                   "李娜": "zh-CN", "Sanne Bakker": "nl"}  # fmt: skip

# How an address goes wrong, and what the server says about it (order in 5.3).
BROKEN_ADDRESSES = (
    ("postcode", "", "Postcode missing"),
    ("street1", "Keizersgracht", "House number missing in the street address"),
    ("name", "", "Recipient name missing"),
    ("street1", "Apartment 14, Building C, Riverside Business Park East Wing Entrance", "Street line is longer than the carrier allows (35 characters)"),
    ("postcode", "10155", "Postcode “10155” does not match the country's format"),
    ("city", "", "City missing"),
)  # fmt: skip

CANCEL_REASONS = (
    "Cancelled by the buyer",
    "Payment refunded by the marketplace",
    "Address could not be verified",
)
