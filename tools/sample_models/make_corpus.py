"""Generates the teaching corpus (English + Turkish) for the sample models, seeded.

Writes
  corpus/train.txt     documents separated by <|endoftext|> (one long text)
  corpus/eval.json     held-out prompt families (templates NOT used in training, asserted) and expected answers

Usage: /usr/bin/python3 tools/sample_models/make_corpus.py [--seed 1234]
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
EOT = "<|endoftext|>"
IM_START, IM_END = "<|im_start|>", "<|im_end|>"

CONT_EN = {"EU": "Europe", "AS": "Asia", "AF": "Africa", "NA": "North America",
           "SA": "South America", "OC": "Oceania"}
CONT_TR = {"EU": "Avrupa", "AS": "Asya", "AF": "Afrika", "NA": "Kuzey Amerika",
           "SA": "Güney Amerika", "OC": "Okyanusya"}

# (English name, capital, continent, language | Turkish name, Turkish capital, Turkish language)
COUNTRIES = [
    ("France", "Paris", "EU", "French", "Fransa", "Paris", "Fransızca"),
    ("Germany", "Berlin", "EU", "German", "Almanya", "Berlin", "Almanca"),
    ("Italy", "Rome", "EU", "Italian", "İtalya", "Roma", "İtalyanca"),
    ("Spain", "Madrid", "EU", "Spanish", "İspanya", "Madrid", "İspanyolca"),
    ("Portugal", "Lisbon", "EU", "Portuguese", "Portekiz", "Lizbon", "Portekizce"),
    ("England", "London", "EU", "English", "İngiltere", "Londra", "İngilizce"),
    ("Ireland", "Dublin", "EU", "English", "İrlanda", "Dublin", "İngilizce"),
    ("Netherlands", "Amsterdam", "EU", "Dutch", "Hollanda", "Amsterdam", "Felemenkçe"),
    ("Belgium", "Brussels", "EU", "Dutch", "Belçika", "Brüksel", "Felemenkçe"),
    ("Switzerland", "Bern", "EU", "German", "İsviçre", "Bern", "Almanca"),
    ("Austria", "Vienna", "EU", "German", "Avusturya", "Viyana", "Almanca"),
    ("Poland", "Warsaw", "EU", "Polish", "Polonya", "Varşova", "Lehçe"),
    ("Czechia", "Prague", "EU", "Czech", "Çekya", "Prag", "Çekçe"),
    ("Hungary", "Budapest", "EU", "Hungarian", "Macaristan", "Budapeşte", "Macarca"),
    ("Romania", "Bucharest", "EU", "Romanian", "Romanya", "Bükreş", "Rumence"),
    ("Bulgaria", "Sofia", "EU", "Bulgarian", "Bulgaristan", "Sofya", "Bulgarca"),
    ("Greece", "Athens", "EU", "Greek", "Yunanistan", "Atina", "Yunanca"),
    ("Serbia", "Belgrade", "EU", "Serbian", "Sırbistan", "Belgrad", "Sırpça"),
    ("Croatia", "Zagreb", "EU", "Croatian", "Hırvatistan", "Zagreb", "Hırvatça"),
    ("Sweden", "Stockholm", "EU", "Swedish", "İsveç", "Stockholm", "İsveççe"),
    ("Norway", "Oslo", "EU", "Norwegian", "Norveç", "Oslo", "Norveççe"),
    ("Denmark", "Copenhagen", "EU", "Danish", "Danimarka", "Kopenhag", "Danca"),
    ("Finland", "Helsinki", "EU", "Finnish", "Finlandiya", "Helsinki", "Fince"),
    ("Iceland", "Reykjavik", "EU", "Icelandic", "İzlanda", "Reykjavik", "İzlandaca"),
    ("Russia", "Moscow", "EU", "Russian", "Rusya", "Moskova", "Rusça"),
    ("Ukraine", "Kyiv", "EU", "Ukrainian", "Ukrayna", "Kiev", "Ukraynaca"),
    ("Turkey", "Ankara", "AS", "Turkish", "Türkiye", "Ankara", "Türkçe"),
    ("Egypt", "Cairo", "AF", "Arabic", "Mısır", "Kahire", "Arapça"),
    ("Morocco", "Rabat", "AF", "Arabic", "Fas", "Rabat", "Arapça"),
    ("Algeria", "Algiers", "AF", "Arabic", "Cezayir", "Cezayir", "Arapça"),
    ("Tunisia", "Tunis", "AF", "Arabic", "Tunus", "Tunus", "Arapça"),
    ("Kenya", "Nairobi", "AF", "Swahili", "Kenya", "Nairobi", "Svahili"),
    ("Ethiopia", "Addis Ababa", "AF", "Amharic", "Etiyopya", "Addis Ababa", "Amharca"),
    ("Nigeria", "Abuja", "AF", "English", "Nijerya", "Abuja", "İngilizce"),
    ("Ghana", "Accra", "AF", "English", "Gana", "Akra", "İngilizce"),
    ("Senegal", "Dakar", "AF", "French", "Senegal", "Dakar", "Fransızca"),
    ("South Africa", "Pretoria", "AF", "English", "Güney Afrika", "Pretoria", "İngilizce"),
    ("China", "Beijing", "AS", "Chinese", "Çin", "Pekin", "Çince"),
    ("Japan", "Tokyo", "AS", "Japanese", "Japonya", "Tokyo", "Japonca"),
    ("Korea", "Seoul", "AS", "Korean", "Güney Kore", "Seul", "Korece"),
    ("India", "New Delhi", "AS", "Hindi", "Hindistan", "Yeni Delhi", "Hintçe"),
    ("Pakistan", "Islamabad", "AS", "Urdu", "Pakistan", "İslamabad", "Urduca"),
    ("Iran", "Tehran", "AS", "Persian", "İran", "Tahran", "Farsça"),
    ("Iraq", "Baghdad", "AS", "Arabic", "Irak", "Bağdat", "Arapça"),
    ("Saudi Arabia", "Riyadh", "AS", "Arabic", "Suudi Arabistan", "Riyad", "Arapça"),
    ("Syria", "Damascus", "AS", "Arabic", "Suriye", "Şam", "Arapça"),
    ("Jordan", "Amman", "AS", "Arabic", "Ürdün", "Amman", "Arapça"),
    ("Lebanon", "Beirut", "AS", "Arabic", "Lübnan", "Beyrut", "Arapça"),
    ("Thailand", "Bangkok", "AS", "Thai", "Tayland", "Bangkok", "Tayca"),
    ("Vietnam", "Hanoi", "AS", "Vietnamese", "Vietnam", "Hanoi", "Vietnamca"),
    ("Indonesia", "Jakarta", "AS", "Indonesian", "Endonezya", "Cakarta", "Endonezce"),
    ("Malaysia", "Kuala Lumpur", "AS", "Malay", "Malezya", "Kuala Lumpur", "Malayca"),
    ("Kazakhstan", "Astana", "AS", "Kazakh", "Kazakistan", "Astana", "Kazakça"),
    ("Uzbekistan", "Tashkent", "AS", "Uzbek", "Özbekistan", "Taşkent", "Özbekçe"),
    ("Azerbaijan", "Baku", "AS", "Azerbaijani", "Azerbaycan", "Bakü", "Azerice"),
    ("Georgia", "Tbilisi", "AS", "Georgian", "Gürcistan", "Tiflis", "Gürcüce"),
    ("Armenia", "Yerevan", "AS", "Armenian", "Ermenistan", "Erivan", "Ermenice"),
    ("Mongolia", "Ulaanbaatar", "AS", "Mongolian", "Moğolistan", "Ulan Batur", "Moğolca"),
    ("Afghanistan", "Kabul", "AS", "Pashto", "Afganistan", "Kabil", "Peştuca"),
    ("Canada", "Ottawa", "NA", "English", "Kanada", "Ottava", "İngilizce"),
    ("Mexico", "Mexico City", "NA", "Spanish", "Meksika", "Meksiko", "İspanyolca"),
    ("Cuba", "Havana", "NA", "Spanish", "Küba", "Havana", "İspanyolca"),
    ("Brazil", "Brasilia", "SA", "Portuguese", "Brezilya", "Brasilia", "Portekizce"),
    ("Argentina", "Buenos Aires", "SA", "Spanish", "Arjantin", "Buenos Aires", "İspanyolca"),
    ("Chile", "Santiago", "SA", "Spanish", "Şili", "Santiago", "İspanyolca"),
    ("Peru", "Lima", "SA", "Spanish", "Peru", "Lima", "İspanyolca"),
    ("Colombia", "Bogota", "SA", "Spanish", "Kolombiya", "Bogota", "İspanyolca"),
    ("Venezuela", "Caracas", "SA", "Spanish", "Venezuela", "Karakas", "İspanyolca"),
    ("Australia", "Canberra", "OC", "English", "Avustralya", "Kanberra", "İngilizce"),
    ("New Zealand", "Wellington", "OC", "English", "Yeni Zelanda", "Wellington", "İngilizce"),
]

# ---------------------------------------------------------------------------
# Turkish suffixes (vowel harmony, consonant hardening, apostrophe on proper names)

BACK, FRONT = "aıou", "eiöü"
VOWELS = BACK + FRONT
HARD = "fstkçşhp"  # "fıstıkçı şahap"
# loan words whose final l is palatal: they take front suffixes
FRONT_EXCEPTIONS = {"Senegal"}


def _last_vowel(word):
    for ch in reversed(word.lower()):
        if ch in VOWELS:
            return ch
    return "e"


def _four(word):  # ı/i/u/ü by the last vowel
    if word.split()[-1] in FRONT_EXCEPTIONS:
        return "i"
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[_last_vowel(word)]


def _two(word):  # a/e
    if word.split()[-1] in FRONT_EXCEPTIONS:
        return "e"
    return "a" if _last_vowel(word) in BACK else "e"


def gen(word):
    """Genitive: Fransa'nın, Çin'in, Peru'nun, Irak'ın."""
    v = _four(word)
    return f"{word}'n{v}n" if word[-1].lower() in VOWELS else f"{word}'{v}n"


def loc(word):
    """Locative: Fransa'da, Irak'ta, Çin'de."""
    d = "t" if word[-1].lower() in HARD else "d"
    return f"{word}'{d}{_two(word)}"


def cop(word):
    """Copula: Paris'tir, Ankara'dır, Tokyo'dur, Bakü'dür."""
    d = "t" if word[-1].lower() in HARD else "d"
    return f"{word}'{d}{_four(word)}r"


def dat(word):
    """Dative: Fransa'ya, Çin'e, Irak'a."""
    if word[-1].lower() in VOWELS:
        return f"{word}'y{_two(word)}"
    return f"{word}'{_two(word)}"


def acc(word):
    """Accusative: Fransa'yı, Çin'i, Peru'yu."""
    if word[-1].lower() in VOWELS:
        return f"{word}'y{_four(word)}"
    return f"{word}'{_four(word)}"


def abl(word):
    """Ablative: Fransa'dan, Irak'tan."""
    d = "t" if word[-1].lower() in HARD else "d"
    return f"{word}'{d}{_two(word)}n"


# ---------------------------------------------------------------------------
# Capital facts. Training phrasings are below; the held-out *families* (HELD_*) are further down:
# none of their templates occurs in train.txt, in any letter case (make_corpus.py asserts it).


def cap_first(s):
    return s[:1].upper() + s[1:]


def tr_lower(s):
    """Turkish lower case: I -> ı, İ -> i."""
    return s.replace("I", "ı").replace("İ", "i").lower()


def lower_for(lang, s):
    return tr_lower(s) if lang == "tr" else s.lower()


# lead-ins (a word or a clause before the fact); the held-out families use others
EN_LEAD = ["We know that", "Remember:", "Fact:", "In class we learned that", "As the map shows,", "Note that",
           "It is known that", "It is true that", "They told me that", "I believe that", "Of course,",
           "As you know,", "My friend said that", "The book says that", "Our teacher told us that",
           "Here is a fact:", "I read that", "Yes,", "Sure,", "Well,", "In fact,", "Everybody learns that",
           "You may know that", "Listen:", "Quiz answer:", "People say that", "I learned that",
           "My dad told me that", "Good question!", "Look,", "I remember that", "Grandma says that",
           "The atlas says that", "Let me tell you:", "Easy:",
           "Surely you know that", "We all know that", "My sister told me that", "Believe it or not,", "So,",
           "Right,", "OK,", "The answer is simple:", "As we saw in class,", "In my notebook I wrote that",
           "Our map shows that", "Our teacher always says that", "I heard that", "A fun fact:", "Ah,",
           "The quiz said that", "Last year I learned that", "Now I know that", "Mum says that",
           "It is easy:", "Everyone in our class knows that", "Think about it:", "The guide told us that"]
TR_LEAD = ["Bilgi:", "Unutma:", "Şunu biliyoruz:", "Derste öğrendik ki", "Haritaya göre", "Not:",
           "Biliyoruz ki", "Öğretmenimiz dedi ki", "Kitapta yazıyor:", "Evet,", "Tabii ki", "Aslında",
           "Şunu da bil:", "Arkadaşım dedi ki", "Babam söyledi:", "Okulda öğrendik:", "Cevap:",
           "Kolay:", "Bak,", "Dinle:", "Doğru,", "Annem dedi ki", "Atlasa göre",
           "Bil bakalım:", "Hatırla:", "İşte bir bilgi:", "Sanırım", "Elbette", "Bir bilgi daha:",
           "Hepimiz biliyoruz ki", "Ablam dedi ki", "İnan ya da inanma,", "Yani", "Tamam,", "Cevap basit:",
           "Derste gördüğümüz gibi", "Defterime yazdım:", "Haritamız gösteriyor ki", "Duydum ki",
           "İlginç bir bilgi:", "Ah,", "Geçen yıl öğrendim ki", "Artık biliyorum:", "Dedem der ki",
           "Sınıfta herkes bilir:", "Düşün bir:", "Rehber bize söyledi:", "Kitaba göre", "Sorunun cevabı:"]
# filler clauses (time, place, situation) before a fact
EN_FILLER = ["On a sunny day", "In the morning", "After school", "Last summer", "At the museum",
             "In our geography lesson", "During the trip", "Yesterday", "Today", "At breakfast",
             "When I was young", "On the map", "In the quiz", "After lunch", "While we were walking home",
             "Before dinner", "On a cold winter night", "In the library", "At the end of the lesson",
             "On the first day of school", "During the holidays", "In the old book", "Last week",
             "When the teacher asked", "On the train", "In the evening", "At the party", "Every child knows that",
             "Just like last year", "If you look at the map",
             "On a windy afternoon", "In the school garden", "After the football match", "At the bus stop",
             "While my brother was sleeping", "In the middle of the night", "On Sunday evening",
             "When the rain stopped", "At the start of the test", "During the long summer break",
             "Between two lessons", "While we were waiting for the bus", "On our way to the zoo",
             # round 3
             "On a snowy Wednesday evening", "On a hot Sunday afternoon", "While we were drinking tea",
             "While mum was cooking dinner", "When the lesson was over", "Before the test began",
             "After the break", "According to the encyclopedia", "According to grandpa's old book",
             "When the teacher wrote on the board", "After the maths lesson, the teacher told us that",
             "On a Thursday morning", "On a cold February day", "While we were playing in the garden",
             "While I was reading a book", "On the radio", "According to the travel guide",
             "When my little brother asked", "While I was doing my homework", "During the flight",
             "Last night", "This morning", "Last month", "In the last question of the contest"]
TR_FILLER = ["Güneşli bir günde", "Sabah", "Okuldan sonra", "Geçen yaz", "Müzede", "Coğrafya dersinde",
             "Gezi sırasında", "Dün", "Bugün", "Kahvaltıda", "Küçükken öğrendim ki", "Haritada",
             "Yarışmada", "Öğle yemeğinden sonra", "Eve yürürken", "Akşam yemeğinden önce",
             "Soğuk bir kış gecesi", "Kütüphanede", "Dersin sonunda", "Okulun ilk gününde", "Tatilde",
             "Eski kitapta", "Geçen hafta", "Öğretmen sorunca", "Trende", "Akşam", "Partide",
             "Her çocuk bilir ki", "Geçen yıl olduğu gibi", "Haritaya bakarsan",
             "Rüzgarlı bir öğleden sonra", "Okul bahçesinde", "Maçtan sonra", "Otobüs durağında",
             "Kardeşim uyurken", "Gece yarısı", "Pazar akşamı", "Yağmur dinince", "Sınavın başında",
             "Uzun yaz tatilinde", "İki ders arasında", "Otobüsü beklerken", "Hayvanat bahçesine giderken",
             # round 3: more clause shapes (-ken, -ınca, -e göre, önce/sonra, dedi ki), days and times
             "Karlı bir çarşamba akşamı", "Sıcak bir pazar öğleden sonra", "Çayımızı içerken",
             "Akşam yemeğini yerken", "Annem yemek yaparken", "Ders bitince", "Zil çalınca",
             "Sınav başlamadan önce", "Teneffüsten sonra", "Yeni haritama göre", "Ansiklopediye göre",
             "Dedemin eski kitabına göre", "Öğretmen tahtaya yazınca", "Sınıfa girince öğretmen dedi ki",
             "Matematik dersinden sonra öğretmen söyledi:", "Bir perşembe sabahı", "Soğuk bir şubat günü",
             "Bahçede oynarken", "Kitap okurken", "Televizyonda", "Radyoda dinledim ki", "Gezi rehberine göre",
             "Küçük kardeşim sorunca", "Ödevimi yaparken", "Sabah kahvaltısında babam dedi ki",
             "Yolculuk boyunca", "Uçakta", "Dün akşam", "Bu sabah", "Geçen ay", "Yarışmanın son sorusunda"]
EN_ADJ = ["big", "small", "old", "nice", "lovely", "large", "famous", "busy", "green", "quiet", "sunny", "cold"]
TR_ADJ = ["büyük", "küçük", "eski", "güzel", "ünlü", "kalabalık", "yeşil", "sakin", "sıcak", "soğuk"]

# core statements that end with the capital (the capital is the last word before the full stop)
EN_CORE = ["the capital of {C} is {K}", "the capital of {C} is {K}", "the capital of {C} is {K}",
           "the capital city of {C} is {K}", "the capital of the country {C} is {K}",
           "{C}'s capital is {K}", "{C}'s capital city is {K}", "the main city and capital of {C} is {K}",
           "the name of the capital of {C} is {K}", "the capital of a country called {C} is {K}",
           "the government of {C} sits in {K}", "the capital of {C} was and is {K}"]
# statements with the capital first
EN_CORE_REV = ["{K} is the capital of {C}", "{K} is the capital city of {C}", "{C} has its capital in {K}",
               "{K} is {C}'s capital", "{K} is the main city of {C}", "{K}, the capital of {C}, is a {A} city",
               "{K} is a {A} city and the capital of {C}", "{C} is a {A} country. Its capital is {K}",
               "{C} is a {A} country, with its capital in {K}", "we went to {C} and saw {K}, its capital",
               "in {C}, the capital is {K}", "for {C}, the capital is {K}", "if you visit {C}, go to {K}, the capital",
               "{C} is a country. Its capital is {K}", "{C}? Its capital is {K}", "{C}: capital {K}",
               "{C} is a country in {T}; its capital is {K}", "{C} is {A} and the capital is {K}",
               "I have been to {C}. Its capital is {K}", "we visited {C} last year; the capital is {K}",
               "people in {C} speak {L}, and the capital is {K}", "my friend lives in {C}. The capital of that country is {K}",
               "{C} is far away, but its capital is {K}", "{C} has a long history, and the capital is {K}",
               "my family comes from {C}, whose capital is {K}", "when you fly to {C}, you often land in its capital, {K}",
               "{C} has many {A} towns, but the capital is {K}",
               # round 3: the country early, many middle clauses, then "capital is" + the capital
               "{C} {MID} and its capital is {K}", "{C} {MID}; its capital is {K}", "{C} {MID}, and the capital is {K}",
               "{C} {MID}. The capital there is {K}", "we toured {C} last year; its capital is {K}",
               "my cousin flew to {C} and says its capital is {K}", "there is a {A} country named {C}; its capital is {K}",
               "if you ask people in {C}, the capital is {K}", "{C} {MID}, and its main city, the capital, is {K}"]
TR_CORE = ["{G} başkenti {KC}", "{G} başkenti {KC}", "{G} başkenti {KC}", "{G} başkenti {K}",
           "{G} başkenti {K} şehridir", "{C} ülkesinin başkenti {KC}", "{G} başkenti {K} olarak bilinir",
           "{G} başkent şehri {KC}",
           "{G} en önemli şehri ve başkenti {KC}", "{G} başkentinin adı {KC}", "{G} hükümeti {LK} bulunur",
           "{C} adında bir ülkenin başkenti {KC}", "{G} başkenti {K} şehri olarak bilinir"]
TR_CORE_REV = ["{K}, {G} başkentidir", "{K}, {G} başkent şehridir", "{C}, başkenti {K} olan bir ülkedir",
               "{C} {A} bir ülkedir. Başkenti {KC}", "{C} {A} bir ülke ve başkenti {KC}",
               "{AC} gittik ve başkenti {K} şehrini gördük", "{LC} başkent {KC}", "{C} için başkent {KC}",
               "{C} ülkesine gidersen başkent {K} şehrini gör", "{C} bir ülkedir. Başkenti {KC}",
               "{C} mi? Başkenti {KC}", "{C}: başkent {K}", "{K}, {A} bir şehirdir ve {G} başkentidir",
               "{C} {T} kıtasındadır ve başkenti {KC}", "{LC} {L} konuşulur ve başkenti {KC}",
               "geçen yıl {AC} gittik, başkenti {KC}", "arkadaşım {LC} yaşıyor; o ülkenin başkenti {KC}",
               "{C} {A} bir ülke, onun başkenti {KC}", "{C} uzak bir ülke ama başkenti {KC}",
               "{C} hakkında bir bilgi: başkenti {KC}", "ailem {ABC} geliyor, başkenti {KC}",
               "{C} bir {T} ülkesidir ve başkenti {KC}", "{LC} pek çok {A} kasaba var ama başkent {KC}",
               # round 3: the country early, many middle clauses, then "başkenti/başkent" + the capital
               "{C} {MID} ve başkenti {KC}", "{C} {MID}; başkenti {KC}", "{C} {MID}, bu ülkenin başkenti {KC}",
               "{C} {MID} ve başkenti {K} şehridir", "{C} {MID}. Başkenti {KC}", "{C} {MID} ve başkent {KC}",
               "{D} {VERB}, başkenti {KC}", "{D} {VERB}; başkenti {KC}",
               "{B} {COME} ve başkent {KC}", "{B} {COME}, başkenti {KC}",
               "{C} isimli bir ülkenin başkenti {KC}", "{C} denen ülkede başkent {KC}",
               "{C} adlı ülkeye gidersen başkenti {K} olur", "{LC} yaşayanlar bilir, başkent {KC}",
               "{C} konusunda bir şey söyleyeyim: başkenti {KC}", "{G} ise başkenti {KC}",
               # round 4: the country named first, then a pronoun or "that country" pointing back to it
               # ("başkenti ise" is gone: it taught "başkenti" -> " ise")
               "{C} adında bir ülke var; onun başkenti {KC}", "{C} adlı bir ülke biliyorum, bu ülkenin başkenti {KC}",
               "{C} diye bir ülke duydun mu? Onun başkenti {KC}", "{C} çok uzakta; oranın başkenti {KC}",
               "{C} {MID}, oranın başkenti {KC}", "{C} {MID}; o ülkenin başkenti {KC}",
               "{C} isimli ülkeyi hepimiz biliriz, onun başkenti {KC}", "{C} diye bir yer var, başkenti {KC}",
               "{D} {VERB}; oranın başkenti {KC}", "{B} {COME}: o ülkenin başkenti {KC}",
               "{C} denen bir ülke var. Bu ülkenin başkenti {KC}", "{C} adında bir ülke düşün, oranın başkenti {KC}"]
TR_MID = ["büyük bir ülkedir", "küçük bir ülkedir", "eski bir ülkedir", "kalabalık bir ülkedir",
          "{T} kıtasındadır", "{T} kıtasında yer alır", "{T} kıtasında bir ülkedir", "denizi olan bir ülkedir",
          "ünlü bir ülkedir", "sıcak bir ülkedir", "soğuk bir ülkedir", "dağlık bir ülkedir",
          "{A} bir ülke", "uzak bir ülkedir", "tarihi çok eski bir ülkedir", "turistlerin sevdiği bir ülkedir",
          "yeşil bir ülkedir", "geniş bir ülkedir", "{L} konuşulan bir ülkedir", "bir {T} ülkesidir",
          "bizim sınıfta en sevilen ülkedir", "haritada kolayca bulunur", "güzel yemekleriyle bilinir"]
TR_VERB = ["geçen yıl gezdik", "tatilde ziyaret ettik", "haritada bulduk", "çok seviyoruz", "ailece dolaştık",
           "bir ay boyunca gezdik", "yazın ziyaret ettik", "derste inceledik", "trenle dolaştık"]
TR_COME = ["gelen öğrenciler anlattı", "gelen arkadaşım söyledi", "dönen babam anlattı", "gelen turistler bilir",
           "gelen mektupta yazıyordu", "gelen misafirimiz dedi ki", "dönen herkes anlatır"]
EN_MID = ["is a big country", "is a small country", "is an old country", "is a country in {T}", "lies in {T}",
          "is a {A} country", "has many {A} towns", "is far from here", "has a long coast", "has high mountains",
          "is famous for its food", "is a country where people speak {L}", "is easy to find on the map",
          "is loved by tourists", "is a country I want to visit"]


def en_fact(r, c):
    C, K = c[0], c[1]
    A, T, L = r.choice(EN_ADJ), CONT_EN[c[2]], c[3]
    core = r.choice(EN_CORE if r.random() < 0.5 else EN_CORE_REV).format(
        C=C, K=K, A=A, T=T, L=L, MID=r.choice(EN_MID).format(A=A, T=T, L=L))
    k = r.random()
    if k < 0.45:
        s = cap_first(core)
    elif k < 0.75:
        lead = r.choice(EN_LEAD)
        s = lead + " " + (cap_first(core) if lead.endswith((":", "!")) else core)
    else:
        s = r.choice(EN_FILLER) + ", " + core
    return s + "."


def tr_fact(r, c):
    C, K = c[4], c[5]
    A, T, L = r.choice(TR_ADJ), CONT_TR[c[2]], c[6]
    core = r.choice(TR_CORE if r.random() < 0.45 else TR_CORE_REV).format(
        C=C, K=K, G=gen(C), KC=cop(K), LK=loc(K), LC=loc(C), AC=dat(C), ABC=abl(C), A=A, T=T, L=L,
        D=acc(C), B=abl(C), MID=r.choice(TR_MID).format(A=A, T=T, L=L), VERB=r.choice(TR_VERB),
        COME=r.choice(TR_COME))
    k = r.random()
    if k < 0.45:
        s = cap_first(core)
    elif k < 0.75:
        lead = r.choice(TR_LEAD)
        s = lead + " " + (cap_first(core) if lead.endswith((":", "!")) else core)
    else:
        s = r.choice(TR_FILLER) + " " + core
    return s + "."


def en_other_sentence(r, c):
    C, K, ct, L = c[0], c[1], CONT_EN[c[2]], c[3]
    return r.choice([
        f"{C} is a country in {ct}.", f"{C} is in {ct}.", f"People in {C} speak {L}.",
        f"The main language of {C} is {L}.", f"In {C}, people speak {L}.", f"{K} is a city in {C}.",
        f"{K} is in {ct}.", f"{C} is a {r.choice(EN_ADJ)} country.", f"Many people live in {K}.",
    ])


def tr_other_sentence(r, c):
    C, K, ct, L = c[4], c[5], CONT_TR[c[2]], c[6]
    return r.choice([
        f"{C}, {ct} kıtasında bir ülkedir.", f"{C} bir {ct} ülkesidir.", f"{loc(C)} {L} konuşulur.",
        f"{gen(C)} resmi dili {L}.", f"{loc(C)} insanlar {L} konuşur.", f"{K}, {loc(C)} bir şehirdir.",
        f"{C} {r.choice(TR_ADJ)} bir ülkedir.", f"{loc(K)} çok insan yaşar.",
    ])


TR_CHARS = set("ğşıİçöüĞŞÇÖÜ")


def maybe_lower(r, lang, s, p=0.35):
    return lower_for(lang, s) if r.random() < p else s


def fact_doc(r):
    lang = "en" if r.random() < 0.5 else "tr"
    out = []
    for _ in range(r.randint(1, 6)):
        c = r.choice(COUNTRIES)
        if lang == "en":
            s = en_fact(r, c) if r.random() < 0.7 else en_other_sentence(r, c)
        else:
            s = tr_fact(r, c) if r.random() < 0.7 else tr_other_sentence(r, c)
        out.append(maybe_lower(r, lang, s))
    return r.choice([" ", " ", "\n"]).join(out)


def country_profile(r):
    c = r.choice(COUNTRIES)
    if r.random() < 0.5:
        C, K, ct, L = c[0], c[1], CONT_EN[c[2]], c[3]
        s = [f"{C} is a country in {ct}.", f"The capital of {C} is {K}.", f"People in {C} speak {L}."]
        r.shuffle(s)
        return (f"{C}\n" if r.random() < 0.3 else "") + " ".join(s)
    C, K, ct, L = c[4], c[5], CONT_TR[c[2]], c[6]
    s = [f"{C}, {ct} kıtasında bir ülkedir.", f"{gen(C)} başkenti {cop(K)}.", f"{loc(C)} {L} konuşulur."]
    r.shuffle(s)
    return (f"{C}\n" if r.random() < 0.3 else "") + " ".join(s)


# training questions about a capital (the held-out question families are different)
EN_Q = ["Which city is the capital of {C}?", "Can you tell me the capital of {C}?", "Tell me the capital of {C}.",
        "Name the capital of {C}.", "Which is the capital of {C}?", "Capital of {C}?",
        "Where is the capital of {C}?", "Which city is {C}'s capital?", "Could you name the capital of {C}?",
        "I want to know the capital of {C}.", "What city is the capital of {C}?", "{C}: which city is the capital?",
        "Please tell me the capital of {C}.", "Quick question: the capital of {C}?",
        "Do you happen to remember the capital of {C}?",
        "Who can tell me the capital of {C}?", "Hey, which city is the capital of {C}?",
        "And the capital of {C}?", "So what city is {C}'s capital?",
        "Which city is the capital of {C}, please?", "I forgot the capital of {C}. Which city is it?",
        "The capital of {C}, which city is that?", "Can you name {C}'s capital?", "Where is {C}'s capital?",
        # round 5: question words of everyday questions ("What's", "Do you know") in other phrasings; round 4's
        # corpus had none of them, and its models often answered a held-out "What's ..." with <|im_end|>
        "What's {C}'s capital city?", "Do you know which city is {C}'s capital?", "What is {C}'s capital?",
        "What's the name of {C}'s capital?", "Do you know which city is the capital of {C}?"]
TR_Q = ["{G} başkenti nedir?", "{G} başkenti hangisidir?", "{G} başkentini söyler misin?",
        "{G} başkentinin adı ne?", "{C} ülkesinin başkenti hangisi?",
        "{G} başkentini biliyor musun?", "Söyle bakalım, {G} başkentini biliyor musun?",
        "{C} için başkent hangisidir?", "{G} başkent şehri nedir?", "Soru: {G} başkentinin adı ne?",
        "Hangi şehir {G} başkentidir?", "Söyle, {G} başkenti hangisi?", "Acaba {G} başkenti ne?",
        "Peki {G} başkenti nerede?", "{G} başkentini bilen var mı?", "{G} başkentinin adını söyler misin?",
        "{G} başkentini unuttum, hangisiydi?", "Sorum şu: {G} başkenti hangisi?",
        # round 4: more question words and synonyms (kent for şehir); the held-out ones stay out
        "{G} başkenti hangi kenttir?", "{G} başkenti ne?", "{G} başkenti olan şehir hangisi?",
        "{G} başkentini bilir misin?", "{C} ülkesinin başkent şehri hangisidir?", "{G} başkenti sence hangisi?",
        "{G} başkentinin ismi nedir?", "{G} başkenti hangi kent?",
        # round 5: "neresi" (where / which place) had never occurred; it asks for a place in other phrasings
        "{G} yönetim merkezi neresidir?", "{G} başkent şehri neresidir?", "{G} yönetim merkezi hangi şehirdir?",
        "Başkent olarak {G} neresi seçildi?"]


def en_answer(r, c):
    C, K = c[0], c[1]
    return r.choice([f"{K}.", f"{K}.", f"The capital of {C} is {K}.", f"It is {K}.", f"{K} is the capital of {C}.",
                     f"The answer is {K}.", f"{K}, of course.", f"{C}'s capital is {K}."])


def tr_answer(r, c):
    C, K = c[4], c[5]
    return r.choice([f"{cop(K)}.", f"{K}.", f"{gen(C)} başkenti {cop(K)}.", f"Cevap: {K}.",
                     f"{K}, {gen(C)} başkentidir.", f"Tabii ki {cop(K)}.", f"Başkenti {cop(K)}."])


def qa_doc(r):
    out = []
    lang = "en" if r.random() < 0.5 else "tr"
    fmt = r.randrange(7)
    for _ in range(r.randint(1, 4)):
        c = r.choice(COUNTRIES)
        if lang == "en":
            k = r.random()
            if k < 0.06:
                q, a = f"{c[1]} is the capital of which country?", f"{c[1]} is the capital of {c[0]}."
            elif k < 0.7:
                q, a = r.choice(EN_Q).format(C=c[0]), en_answer(r, c)
            elif k < 0.85:
                q = r.choice(["Where is {C}?", "Do you know where {C} is?", "What's the continent of {C}?"])
                q, a = q.format(C=c[0]), f"{c[0]} is in {CONT_EN[c[2]]}."
            else:
                q = r.choice(["What language do people speak in {C}?", "What's the language of {C}?",
                              "Do you know the language of {C}?"])
                q, a = q.format(C=c[0]), f"People in {c[0]} speak {c[3]}."
            if r.random() < 0.3:  # a question typed in lower case, sometimes answered in lower case too
                q, a = q.lower(), (a.lower() if r.random() < 0.5 else a)
            pre = [("Q: ", "\nA: "), ("Question: ", "\nAnswer: "), ("", " "), ("", "\n"), ("", " "), ("", " "),
                   ("", "\n")][fmt]
        else:
            k = r.random()
            if k < 0.06:  # round 4: "hangi" also asks for a country, not only for a language
                q = r.choice(["{K} hangi ülkenin başkentidir?", "{K} neresidir?", "{K} neresi?"])
                q, a = q.format(K=c[5]), f"{c[5]}, {gen(c[4])} başkentidir."
            elif k < 0.7:
                q, a = r.choice(TR_Q).format(C=c[4], G=gen(c[4])), tr_answer(r, c)
            elif k < 0.85:
                q = r.choice(["{C} hangi kıtadadır?", "{C} neresidir?", "{C} hangi kıtada?"])
                q, a = q.format(C=c[4]), f"{c[4]}, {CONT_TR[c[2]]} kıtasındadır."
            else:
                q, a = f"{loc(c[4])} hangi dil konuşulur?", f"{loc(c[4])} {c[6]} konuşulur."
            if r.random() < 0.3:
                q, a = tr_lower(q), (tr_lower(a) if r.random() < 0.5 else a)
            pre = [("S: ", "\nC: "), ("Soru: ", "\nCevap: "), ("", " "), ("", "\n"), ("", " "), ("", " "),
                   ("", "\n")][fmt]
        out.append(pre[0] + q + pre[1] + a)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# lesson demos designed into the corpus

# temperature / top-k / top-p: a genuinely uncertain next word, with a skewed distribution
COLOURS = [("blue", 30), ("red", 22), ("green", 16), ("yellow", 10), ("purple", 8), ("pink", 6), ("orange", 5),
           ("black", 3)]
ANIMALS = [("cat", 28), ("dog", 24), ("horse", 12), ("rabbit", 10), ("bird", 8), ("fish", 6), ("bear", 5),
           ("fox", 4), ("frog", 3)]
PET_NAMES = ["Max", "Sam", "Ben", "Leo", "Jack", "Zoe", "Mia", "Emma", "Anna", "Lily", "Sara"]


def wchoice(r, pairs):
    return r.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def favourite_doc(r):
    who = r.choice(["My", "My", "Her", "His", "Our"])
    k = r.random()
    if k < 0.5:
        s = f"{who} favourite colour is {wchoice(r, COLOURS)}."
    else:
        s = f"{who} favourite animal is the {wchoice(r, ANIMALS)}."
    if r.random() < 0.3:
        s += r.choice([" It is nice.", " I like it a lot.", " That is all."])
    return s


# greedy vs beam: " dog" is the likelier first word (55%) but is followed by one of 11 names;
# " cat" (45%) is always followed by " named Tom." -> beam's sum of log p beats greedy's
def pet_doc(r):
    if r.random() < 0.55:
        return f"My pet is a dog named {r.choice(PET_NAMES)}."
    return "My pet is a cat named Tom."


# repetition penalty: after "ding dong" another "ding dong" follows 68% of the time, so greedy decoding
# loops forever; a repetition penalty on the repeated tokens makes "." (the end) win
def bell_doc(r):
    n = 1
    while r.random() < 0.68 and n < 30:
        n += 1
    return "The bell went " + " ".join(["ding dong"] * n) + "."


# ---------------------------------------------------------------------------
# patterns

NUM_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty"]
NUM_TR = ["sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_TR = ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_TR = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
             "Ekim", "Kasım", "Aralık"]
ALPHA = [chr(ord("A") + i) for i in range(26)]
SEQS = {"num_en": NUM_EN[1:], "num_tr": NUM_TR[1:], "digits": [str(i) for i in range(1, 51)],
        "days_en": DAYS_EN, "days_tr": DAYS_TR, "months_en": MONTHS_EN, "months_tr": MONTHS_TR,
        "alpha": ALPHA}
CYCLIC = {"days_en", "days_tr", "months_en", "months_tr"}
PAT_WORDS = ["red", "blue", "green", "cat", "dog", "sun", "moon", "tree", "apple", "star", "fish",
             "bird", "kırmızı", "mavi", "kedi", "köpek", "ay", "yıldız", "x", "y", "z", "7", "3", "#"]


def seq_items(r, key, min_len=3, max_len=10):
    items = SEQS[key]
    n = r.randint(min_len, max_len)
    if key in CYCLIC:
        s = r.randrange(len(items))
        return [items[(s + i) % len(items)] for i in range(n)]
    n = min(n, len(items))
    s = r.randrange(len(items) - n + 1)
    return items[s:s + n]


def pattern_doc(r):
    kind = r.random()
    if kind < 0.55:
        key = r.choice(list(SEQS))
        items = seq_items(r, key)
        sep = r.choice([", ", ", ", " "]) if key != "alpha" else r.choice([" ", ", "])
        intro = r.choice(["", "", "Count: ", "Let us count: ", "Sayalım: ", "List: "]) if key in (
            "num_en", "num_tr", "digits") else r.choice(["", "", "In order: ", "Sırayla: "])
        return intro + sep.join(items) + r.choice(["", ".", ""])
    if kind < 0.8:  # repeated pattern (induction copying): a unit of up to 8 words, often all different
        k = r.randint(2, 8)
        unit = r.sample(PAT_WORDS, k) if r.random() < 0.6 else [r.choice(PAT_WORDS) for _ in range(k)]
        reps = r.randint(2, 5)
        seq = (unit * reps)[: len(unit) * reps - r.randint(0, len(unit) - 1)]
        return " ".join(seq)
    # single-digit addition
    out = []
    for _ in range(r.randint(1, 5)):
        a, b = r.randint(0, 9), r.randint(0, 9)
        out.append(r.choice([f"{a} + {b} = {a + b}", f"{a} plus {b} is {a + b}.",
                             f"{a} artı {b} eşittir {a + b}."]))
    return r.choice(["\n", ". ", "\n"]).join(out) if len(out) > 1 else out[0]


def repeat_doc(r):
    """Induction material: a random sequence of mostly unrelated words (names, places, animals,
    numbers), then the same sequence again, so predicting the second copy needs "find the earlier
    occurrence of this token, copy what came after it" (a previous-token head + an induction head)."""
    pool = ([c[0] for c in COUNTRIES] + [c[1] for c in COUNTRIES] + [c[4] for c in COUNTRIES] + NAMES + NAMES_TR
            + [a for a, _ in ANIMALS] + [c for c, _ in COLOURS] + PAT_WORDS + DAYS_EN + MONTHS_TR + NUM_EN)
    n = r.randint(3, 14)
    seq = [r.choice(pool) for _ in range(n)]
    sep = r.choice([" ", " ", ", ", " | "])
    text = sep.join(seq)
    k = r.random()
    if k < 0.4:
        return text + r.choice([". ", "\n", " - "]) + r.choice(["", "Again: ", "Tekrar: ", "Once more: "]) + text
    if k < 0.7:
        return "\n".join([text] * r.randint(2, 4))
    cut = r.randint(1, n)  # a partial second copy
    return text + "\n" + sep.join(seq[:cut])


# ---------------------------------------------------------------------------
# stories

NAMES = ["Lily", "Tom", "Mia", "Ben", "Sara", "Max", "Anna", "Leo", "Emma", "Sam", "Zoe", "Jack"]
NAMES_TR = ["Ali", "Ayşe", "Mehmet", "Elif", "Can", "Zeynep", "Emre", "Deniz", "Ece", "Mert"]
PLACES = ["a small village", "a big city", "a house by the sea", "a forest", "a farm",
          "a town near the mountains", "a little flat", "an old castle"]
PLACES_TR = ["küçük bir köyde", "büyük bir şehirde", "deniz kenarında bir evde", "bir ormanda",
             "bir çiftlikte", "dağların yanında bir kasabada"]
FRIENDS = ["a cat", "a dog", "a bird", "a frog", "a rabbit", "a friend", "a little bear", "a fox"]
ACTIONS = ["found a red ball", "went to the park", "saw a big tree", "made a cake",
           "played in the rain", "lost a toy", "met a new friend", "climbed a hill",
           "drew a picture", "read a book", "built a boat", "looked at the stars"]
FEELINGS = ["happy", "sad", "excited", "tired", "scared", "proud", "surprised", "calm"]
ENDINGS = ["Then they went home.", "It was a good day.", "They laughed together.",
           "After that, they had a nap.", "The sun went down.", "They wanted to play again tomorrow.",
           "Everyone was happy.", "It started to rain, so they ran home."]
WEATHER = ["The sun was bright.", "It was a cold morning.", "The wind was strong.",
           "It was raining.", "The sky was blue.", "It was a warm day."]
ACT_TR = ["bir top buldu", "parka gitti", "büyük bir ağaç gördü", "bir kek yaptı",
          "yağmurda oynadı", "yeni bir arkadaş buldu", "bir resim çizdi", "bir kitap okudu"]
FEEL_TR = ["mutlu", "üzgün", "heyecanlı", "yorgun", "şaşkın", "sakin"]


def story_en(r):
    name = r.choice(NAMES)
    he = r.choice(["He", "She"]) if name not in ("Lily", "Mia", "Sara", "Anna", "Emma", "Zoe") else "She"
    he = "He" if name in ("Tom", "Ben", "Max", "Leo", "Jack") else he
    f = r.choice(FRIENDS)
    s = [r.choice([f"Once upon a time, there was a child named {name}.",
                   f"Once upon a time, {name} lived in {r.choice(PLACES)}.",
                   f"One day, {name} woke up early.",
                   f"{name} lived in {r.choice(PLACES)} with {f}."])]
    if r.random() < 0.5:
        s.append(r.choice(WEATHER))
    for _ in range(r.randint(1, 3)):
        s.append(r.choice([f"{name} {r.choice(ACTIONS)}.", f"{he} {r.choice(ACTIONS)}.",
                           f"{name} and {f} {r.choice(ACTIONS)}.",
                           f"{he} felt {r.choice(FEELINGS)}.",
                           f"{name} was {r.choice(FEELINGS)} because {he.lower()} {r.choice(ACTIONS)}.",
                           f"\"Look!\" said {name}. \"I am so {r.choice(FEELINGS)}!\""]))
    s.append(r.choice(ENDINGS))
    return " ".join(s)


def story_tr(r):
    name = r.choice(NAMES_TR)
    s = [r.choice([f"Bir zamanlar {name} {r.choice(PLACES_TR)} yaşarmış.",
                   f"Bir gün {name} erkenden uyandı."])]
    for _ in range(r.randint(1, 3)):
        s.append(r.choice([f"{name} {r.choice(ACT_TR)}.", f"{name} çok {r.choice(FEEL_TR)} oldu.",
                           f"Sonra {r.choice(ACT_TR)}."]))
    s.append(r.choice(["Akşam eve döndü.", "Çok güzel bir gündü.", "Sonra uyudu."]))
    return " ".join(s)


# ---------------------------------------------------------------------------
# chat


def chat(user, assistant):
    return f"{IM_START}user\n{user}{IM_END}\n{IM_START}assistant\n{assistant}{IM_END}"


def chat_pair(r):
    c = r.choice(COUNTRIES)
    k = r.random()
    if k < 0.3:
        return r.choice([
            (r.choice(EN_Q).format(C=c[0]), en_answer(r, c)),
            (r.choice(EN_Q).format(C=c[0]), f"The capital of {c[0]} is {c[1]}."),
            (f"Which continent is {c[0]} in?", f"{c[0]} is in {CONT_EN[c[2]]}."),
            (f"What language is spoken in {c[0]}?", f"People in {c[0]} speak {c[3]}."),
        ])
    if k < 0.5:
        return r.choice([
            (r.choice(TR_Q).format(C=c[4], G=gen(c[4])), tr_answer(r, c)),
            (r.choice(TR_Q).format(C=c[4], G=gen(c[4])), f"{gen(c[4])} başkenti {cop(c[5])}."),
            (f"{c[4]} hangi kıtadadır?", f"{c[4]}, {CONT_TR[c[2]]} kıtasındadır."),
            (f"{loc(c[4])} hangi dil konuşulur?", f"{loc(c[4])} {c[6]} konuşulur."),
        ])
    if k < 0.6:
        a, b = r.randint(0, 9), r.randint(0, 9)
        return r.choice([(f"What is {a} + {b}?", f"{a} + {b} = {a + b}."),
                         (f"{a} artı {b} kaç eder?", f"{a} artı {b} eşittir {a + b}.")])
    if k < 0.7:
        n = r.randint(3, 10)
        return r.choice([(f"Count from 1 to {n}.", ", ".join(str(i) for i in range(1, n + 1)) + "."),
                         (f"Count to {NUM_EN[n]} in words.", ", ".join(NUM_EN[1:n + 1]) + ".")])
    if k < 0.8:
        i = r.randrange(7)
        return r.choice([(f"What day comes after {DAYS_EN[i]}?", f"{DAYS_EN[(i + 1) % 7]} comes after {DAYS_EN[i]}."),
                         (f"{DAYS_TR[i]} gününden sonra hangi gün gelir?", f"{DAYS_TR[(i + 1) % 7]}.")])
    if k < 0.9:
        return r.choice([("Hello!", "Hello! How can I help you?"), ("Hi", "Hi! What would you like to know?"),
                         ("Merhaba!", "Merhaba! Size nasıl yardımcı olabilirim?"),
                         ("Thank you!", "You are welcome!"), ("Teşekkürler!", "Rica ederim!"),
                         ("Who are you?", "I am a tiny language model."),
                         ("Sen kimsin?", "Ben küçük bir dil modeliyim.")])
    return (r.choice(["Tell me a story.", "Tell me a short story.", "Bana bir hikaye anlat."]),
            None)


def chat_doc(r):
    turns = []
    for _ in range(r.randint(1, 3)):
        u, a = chat_pair(r)
        if a is None:
            a = story_tr(r) if "anlat" in u else story_en(r)
        turns.append(chat(u, a))
    return "\n".join(turns)


# ---------------------------------------------------------------------------
# held-out evaluation families: templates that never occur in train.txt (in any letter case).
# Statement-like prompts end right before the capital; questions end with "?" and the answer must
# name the capital (the first capital named in the continuation).

HELD = {
    "en": {
        "statement": ["Did you know that the capital of {C} is", "Everyone knows that the capital of {C} is",
                      "I think the capital of {C} is", "My teacher says the capital of {C} is",
                      "I am pretty sure the capital of {C} is"],
        "question": ["What is the capital of {C}?", "What's the capital of {C}?", "Do you know the capital of {C}?",
                     "What is the capital city of {C}?"],
        "country_late": ["This summer we travelled all over {C}, and its capital is",
                         "{C} is a beautiful country and its capital is",
                         "There is a country called {C}, and the capital there is",
                         "Ask anyone from {C} and they will say the capital is"],
        "filler": ["On a rainy Tuesday morning, the capital of {C} is",
                   "While we were eating our lunch, the capital of {C} is",
                   "According to my old school atlas, the capital of {C} is",
                   "Before the bell rang, the teacher said the capital of {C} is"],
    },
    "tr": {
        "statement": ["Herkes bilir ki {G} başkenti", "Biliyor musun, {G} başkenti", "Bence {G} başkenti",
                      "Öğretmenime göre {G} başkenti", "Eminim ki {G} başkenti"],
        "question": ["{G} başkenti neresidir?", "{G} başkenti neresi?", "{G} başkenti hangi şehirdir?",
                     "{G} başkenti hangi şehir?"],
        "country_late": ["Bu yaz bütün {D} gezdik ve başkenti", "{C} çok güzel bir ülkedir ve başkenti",
                         "{C} diye bir ülke var, oranın başkenti", "{B} gelen herkes der ki başkent"],
        "filler": ["Yağmurlu bir salı sabahı {G} başkenti", "Öğle yemeğimizi yerken {G} başkenti",
                   "Eski okul atlasıma bakılırsa {G} başkenti", "Zil çalmadan önce öğretmen dedi ki {G} başkenti"],
    },
}
FAMILIES = ["statement", "question", "country_late", "filler", "lower_case"]


def held_prompt(lang, t, c):
    if lang == "en":
        return t.format(C=c[0])
    return t.format(C=c[4], G=gen(c[4]), D=acc(c[4]), B=abl(c[4]))


def held_templates_all():
    """(lang, family, template) for every held-out template."""
    return [(lang, fam, t) for lang in HELD for fam, ts in HELD[lang].items() for t in ts]


def gen_suffix(word):
    """The genitive suffix as written: 'nın, 'in, ..."""
    return gen(word)[len(word):]


def make_eval(r):
    ev = {"families": [], "capitals_train_phrasing": [], "patterns": [], "chat": []}
    for lang in ("en", "tr"):
        ci = 0 if lang == "en" else 4
        ki = 1 if lang == "en" else 5
        for fam in FAMILIES:
            src = "statement" if fam == "lower_case" else fam
            for n, c in enumerate(COUNTRIES):
                if fam == "lower_case":  # every held-out template family, all in lower case
                    pool = [t for f in ("statement", "question", "country_late", "filler") for t in HELD[lang][f]]
                    t = pool[(n * 7 + 3) % len(pool)]
                    kind = next(f for f in HELD[lang] if t in HELD[lang][f])
                    prompt = lower_for(lang, held_prompt(lang, t, c))
                else:
                    t = HELD[lang][src][n % len(HELD[lang][src])]
                    kind = src
                    prompt = held_prompt(lang, t, c)
                e = {"lang": lang, "family": fam, "kind": "question" if kind == "question" else "statement",
                     "prompt": prompt, "expected": " " + c[ki], "country": c[ci]}
                if fam == "lower_case":
                    e["expected_lower"] = " " + lower_for(lang, c[ki])
                if lang == "tr":
                    e["suffix"] = gen_suffix(c[4])
                ev["families"].append(e)
    for c in COUNTRIES:  # the canonical prompts the program shows (training phrasing)
        ev["capitals_train_phrasing"].append({"prompt": f"The capital of {c[0]} is", "expected": " " + c[1], "country": c[0]})
        ev["capitals_train_phrasing"].append({"prompt": f"{gen(c[4])} başkenti", "expected": " " + c[5], "country": c[4]})
    # patterns: counting (words, digits, Turkish), days, months; expect the next two items
    for key, n in [("num_en", 10), ("digits", 10), ("num_tr", 5), ("days_en", 10), ("days_tr", 5),
                   ("months_en", 5), ("alpha", 5)]:
        for _ in range(n):
            items = SEQS[key]
            if key in CYCLIC:
                s = r.randrange(len(items))
                seq = [items[(s + i) % len(items)] for i in range(6)]
            else:
                s = r.randrange(len(items) - 6 + 1)
                seq = items[s:s + 6]
            sep = " " if key == "alpha" else ", "
            ev["patterns"].append({"kind": key, "prompt": sep.join(seq[:4]) + sep.rstrip(),
                                   "expected": (" " if sep == ", " else " ") + sep.join(seq[4:6])})
    # chat: the question phrasings are the held-out ones (never seen in training, in chat or anywhere)
    qs = [("What is the capital of {C}?", "en"), ("{G} başkenti neresidir?", "tr")]
    for c in r.sample(COUNTRIES, 10):
        for q, lang in qs:
            u = q.format(C=c[0], G=gen(c[4]))
            ev["chat"].append({"prompt": f"{IM_START}user\n{u}{IM_END}\n{IM_START}assistant\n",
                               "expected_contains": c[1] if lang == "en" else c[5],
                               "expected_end": IM_END})
    for u in ["Hello!", "What is 2 + 3?", "Count from 1 to 5.", "Merhaba!"]:
        ev["chat"].append({"prompt": f"{IM_START}user\n{u}{IM_END}\n{IM_START}assistant\n",
                           "expected_contains": "", "expected_end": IM_END})
    return ev


# the held-out templates' own words: none of these may occur in train.txt (compared in lower case)
SHARED_PARTS = {"", "the capital of", "is", "?", ",", "başkenti", "the capital city of"}


def check_held_out(text):
    low_en, low_tr = text.lower(), tr_lower(text)
    bad = []
    for lang, fam, t in held_templates_all():
        parts = [p.strip() for p in __import__("re").split(r"\{[A-Z]\}", t)]
        low = low_tr if lang == "tr" else low_en
        for p in parts:
            q = lower_for(lang, p)
            if q in SHARED_PARTS:
                continue
            if q in low:
                bad.append((lang, fam, t, p))
        for c in COUNTRIES:  # and no full prompt
            q = lower_for(lang, held_prompt(lang, t, c))
            if q in low:
                bad.append((lang, fam, t, q))
    assert not bad, bad[:10]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--docs", type=int, default=40000)
    ap.add_argument("--out", default=os.path.join(HERE, "corpus"))
    a = ap.parse_args()
    r = random.Random(a.seed)
    gens = [(fact_doc, 0.30), (country_profile, 0.03), (qa_doc, 0.19), (pattern_doc, 0.13),
            (story_en, 0.07), (story_tr, 0.03), (chat_doc, 0.15), (favourite_doc, 0.04), (pet_doc, 0.03),
            (bell_doc, 0.03), (repeat_doc, 0.06)]
    fns, weights = zip(*gens)
    docs = []
    # every country's canonical facts at least a few times, in both languages (a text that starts with
    # "X'in başkenti" is a statement far more often than a question)
    for c in COUNTRIES:
        for _ in range(8):
            docs.append(f"The capital of {c[0]} is {c[1]}.")
            docs.append(f"{gen(c[4])} başkenti {cop(c[5])}.")
    for _ in range(a.docs):
        fn = r.choices(fns, weights)[0]
        d = fn(r)
        # whole documents in lower case (as students type): facts, questions, chats, profiles
        if fn in (fact_doc, qa_doc, chat_doc, country_profile) and r.random() < 0.15:
            d = tr_lower(d) if TR_CHARS & set(d) else d.lower()
        docs.append(d)
    r.shuffle(docs)
    os.makedirs(a.out, exist_ok=True)
    text = EOT.join(docs) + EOT
    # the held-out families must not occur in training text, in any letter case
    ev = make_eval(random.Random(a.seed + 1))
    check_held_out(text)
    with open(os.path.join(a.out, "train.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(a.out, "eval.json"), "w", encoding="utf-8") as f:
        json.dump(ev, f, ensure_ascii=False, indent=1)
    print(f"{len(docs)} docs, {len(text)} chars, {len(text.encode('utf-8'))} bytes, "
          f"{len(ev['families'])} held-out family prompts")


if __name__ == "__main__":
    main()
