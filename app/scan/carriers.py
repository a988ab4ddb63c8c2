"""The carriers Prepdesk recognises by their tracking-number format, with their tracking pages.

National posts are found through the UPU S10 country code at the end of an international
item number; posts without a page of their own here get the universal tracker.
"""

from __future__ import annotations

from app.i18n import tr
from app.scan.meaning import Carrier

UNIVERSAL_TRACKER = "https://t.17track.net/en#nums={number}"

UPS = Carrier("ups", "UPS", "https://www.ups.com/track?tracknum={number}")
USPS = Carrier("usps", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}")
FEDEX = Carrier("fedex", "FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}")
DHL_EXPRESS = Carrier(
    "dhl_express",
    "DHL Express",
    "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}",
)
AMAZON = Carrier("amazon", "Amazon Logistics", "https://track.amazon.com/tracking/{number}")
ONTRAC = Carrier("ontrac", "OnTrac", "https://www.ontrac.com/tracking/?number={number}")
DPD = Carrier("dpd", "DPD", "https://tracking.dpd.de/status/en_US/parcel/{number}")

# Posts by the S10 country code (ISO 3166-1 alpha-2 of the post that issued the number).
POSTS: dict[str, Carrier] = {
    "US": USPS,
    "GB": Carrier(
        "royal_mail", "Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{number}"
    ),
    "NL": Carrier("postnl", "PostNL", "https://jouw.postnl.nl/track-and-trace/{number}"),
    "DE": Carrier(
        "deutsche_post",
        "Deutsche Post",
        "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={number}",
    ),
    "RU": Carrier("russian_post", "Russian Post", "https://www.pochta.ru/tracking?barcode={number}"),
    "CN": Carrier("china_post", "China Post", UNIVERSAL_TRACKER),
    "CA": Carrier(
        "canada_post",
        "Canada Post",
        "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}",
    ),
    "FR": Carrier("la_poste", "La Poste", "https://www.laposte.fr/outils/suivre-vos-envois?code={number}"),
    "JP": Carrier(
        "japan_post",
        "Japan Post",
        "https://trackings.post.japanpost.jp/services/srv/search/?requestNo1={number}&locale=en",
    ),
    "AU": Carrier("australia_post", "Australia Post", "https://auspost.com.au/mypost/track/details/{number}"),
    "IT": Carrier("poste_italiane", "Poste Italiane", UNIVERSAL_TRACKER),
    "ES": Carrier(
        "correos",
        "Correos",
        "https://www.correos.es/es/en/tools/tracker/items/details?tracking-number={number}",
    ),
    "CH": Carrier("swiss_post", "Swiss Post", "https://service.post.ch/ekp-web/ui/entry/search/{number}"),
    "BE": Carrier("bpost", "bpost", UNIVERSAL_TRACKER),
    "AT": Carrier("austrian_post", "Österreichische Post", UNIVERSAL_TRACKER),
    "PL": Carrier("poczta_polska", "Poczta Polska", "https://emonitoring.poczta-polska.pl/?numer={number}"),
    "SE": Carrier("postnord_se", "PostNord", "https://tracking.postnord.com/se/?id={number}"),
    "DK": Carrier("postnord_dk", "PostNord", "https://tracking.postnord.com/dk/?id={number}"),
    "IE": Carrier("an_post", "An Post", "https://www.anpost.com/Post-Parcels/Track/History?item={number}"),
    "UA": Carrier("ukrposhta", "Ukrposhta", "https://track.ukrposhta.ua/tracking_UA.html?barcode={number}"),
}

# ISO 3166-1 alpha-2, plus XK (Kosovo), which the UPU uses.
_COUNTRY_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA
    ZM ZW
"""
_COUNTRIES = frozenset(_COUNTRY_CODES.split())

CLAIMED = (UPS, USPS, FEDEX, DHL_EXPRESS, AMAZON, ONTRAC, DPD)


def is_country(code: str) -> bool:
    return code in _COUNTRIES


def post_of(country: str) -> Carrier:
    """The national post that issues S10 numbers ending in `country`."""
    known = POSTS.get(country)
    if known is not None:
        return known
    return Carrier(
        f"post_{country.lower()}", tr("Postal service ({country})", country=country), UNIVERSAL_TRACKER
    )
