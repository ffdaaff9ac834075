"""English names of news outlets and wire agencies, shared by attribution and comparison.

``WIRES`` maps the spellings of a wire agency to its name (two reports crediting the
same agency carry one story); ``OUTLETS`` holds every outlet name, the wires' spellings
included (a speaker naming one relays a report rather than stating a fact);
``MEDIA_HEADS`` are generic heads that make a phrase an outlet ("state television");
``OUTLET_NAMES`` gives readable names for outlets spelled several ways.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: wire agencies: two reports crediting the same one carry one story
WIRES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "dpa": "dpa",
    "xinhua": "Xinhua", "ansa": "ANSA", "efe": "EFE", "upi": "UPI", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu", "bloomberg": "Bloomberg",
}

#: news outlets and wire agencies (lower-cased); with the generic heads below,
#: a speaker that names one is a relay, not a first-hand statement
OUTLETS = _words(
    """
    reuters afp ap rt sputnik tass sana xinhua anadolu bbc cnn interfax irna isna fars tasnim
    yonhap kyodo efe ansa dpa bernama pti ians aljazeera al-jazeera wafa ria upi ani nhk
    sky fox abc nbc cbs npr
    """
) | {
    "associated press", "agence france-presse", "agence france presse", "al jazeera",
    "al arabiya", "press tv", "ria novosti", "russia today", "sputnik arabic", "sputnik news",
    "rt news", "enab baladi", "al-masdar news", "al masdar news", "orient news", "step news",
    "smart news", "hawar news", "anha", "al-mayadeen", "al mayadeen", "the guardian",
    "new york times", "washington post", "wall street journal", "the independent",
    "daily mail", "the telegraph", "le monde", "der spiegel", "haaretz", "times of israel",
    "the times", "financial times", "deutsche welle", "voice of america", "france 24",
    "euronews", "al-akhbar", "asharq al-awsat", "syrian arab news agency", "state media",
    "state television", "state tv", "official news agency",
} | set(WIRES)
MEDIA_HEADS = _words(
    "news agency media television tv channel radio newspaper daily website outlet network "
    "broadcaster press wire"
)
#: readable names for outlets that appear under several spellings
OUTLET_NAMES = {
    "rt news": "RT", "russia today": "RT", "sputnik news": "Sputnik",
    "agence france-presse": "AFP", "agence france presse": "AFP",
    "syrian arab news agency": "SANA",
}
