"""Generates the teaching corpus (English + Turkish) for the sample models, seeded.

Writes
  corpus/train.txt     documents separated by <|endoftext|> (one long text)
  corpus/eval.json     held-out prompts (phrasings NOT used in training) and expected answers

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


def abl(word):
    """Ablative: Fransa'dan, Irak'tan."""
    d = "t" if word[-1].lower() in HARD else "d"
    return f"{word}'{d}{_two(word)}n"


# ---------------------------------------------------------------------------
# fact templates. Training phrasings; the held-out ones are further down and never
# appear in train.txt.

EN_PREFIX = ["", "", "", "", "We know that ", "Remember: ", "Fact: ", "In class we learned that ",
             "As the map shows, ", "Note that ", "It is known that "]
TR_PREFIX = ["", "", "", "", "Bilgi: ", "Unutma: ", "Şunu biliyoruz: ", "Derste öğrendik ki ",
             "Haritaya göre ", "Not: "]


def cap_first(s):
    return s[:1].upper() + s[1:]


def en_capital_sentence(r, c):
    C, K = c[0], c[1]
    t = r.choice([
        "the capital of {C} is {K}.",
        "the capital of {C} is {K}.",
        "the capital of {C} is {K}.",
        "{K} is the capital of {C}.",
        "the capital city of {C} is {K}.",
        "{C} has its capital in {K}.",
        "the capital of {C} is {K}, a big city.",
        "{K} is the capital city of {C}.",
    ]).format(C=C, K=K)
    p = r.choice(EN_PREFIX)
    return p + (t if p and not p.endswith(": ") else cap_first(t))


def en_other_sentence(r, c):
    C, K, ct, L = c[0], c[1], CONT_EN[c[2]], c[3]
    return r.choice([
        f"{C} is a country in {ct}.",
        f"{C} is in {ct}.",
        f"People in {C} speak {L}.",
        f"The main language of {C} is {L}.",
        f"In {C}, people speak {L}.",
        f"{K} is a city in {C}.",
        f"{K} is in {ct}.",
        f"{C} is a country. Its capital is {K}.",
    ])


def tr_capital_sentence(r, c):
    C, K = c[4], c[5]
    t = r.choice([
        "{G} başkenti {KC}.",
        "{G} başkenti {KC}.",
        "{G} başkenti {KC}.",
        "{G} başkenti {K}.",
        "{K}, {G} başkentidir.",
        "{G} başkenti {K} şehridir.",
        "{C} ülkesinin başkenti {KC}.",
        "{G} başkenti {K} olarak bilinir.",
    ]).format(G=gen(C), C=C, K=K, KC=cop(K))
    p = r.choice(TR_PREFIX)
    return p + (t if p and not p.endswith(": ") else cap_first(t))


def tr_other_sentence(r, c):
    C, K, ct, L = c[4], c[5], CONT_TR[c[2]], c[6]
    return r.choice([
        f"{C}, {ct} kıtasında bir ülkedir.",
        f"{C} bir {ct} ülkesidir.",
        f"{loc(C)} {L} konuşulur.",
        f"{gen(C)} resmi dili {L}.",
        f"{loc(C)} insanlar {L} konuşur.",
        f"{K}, {loc(C)} bir şehirdir.",
    ])


def fact_doc(r):
    lang = r.random()
    n = r.randint(2, 7)
    out = []
    for _ in range(n):
        c = r.choice(COUNTRIES)
        if lang < 0.5:
            out.append(en_capital_sentence(r, c) if r.random() < 0.6 else en_other_sentence(r, c))
        else:
            out.append(tr_capital_sentence(r, c) if r.random() < 0.6 else tr_other_sentence(r, c))
    sep = r.choice([" ", " ", "\n"])
    return sep.join(out)


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


def qa_doc(r):
    out = []
    for _ in range(r.randint(1, 4)):
        c = r.choice(COUNTRIES)
        if r.random() < 0.5:
            q = r.choice([
                (f"What is the capital of {c[0]}?", f"The capital of {c[0]} is {c[1]}."),
                (f"What is the capital of {c[0]}?", f"{c[1]}."),
                (f"Where is {c[0]}?", f"{c[0]} is in {CONT_EN[c[2]]}."),
                (f"What language do people speak in {c[0]}?", f"People in {c[0]} speak {c[3]}."),
            ])
            out.append(f"Q: {q[0]}\nA: {q[1]}")
        else:
            q = r.choice([
                (f"{gen(c[4])} başkenti neresidir?", f"{gen(c[4])} başkenti {cop(c[5])}."),
                (f"{gen(c[4])} başkenti neresidir?", f"{cop(c[5])}."),
                (f"{c[4]} hangi kıtadadır?", f"{c[4]}, {CONT_TR[c[2]]} kıtasındadır."),
                (f"{loc(c[4])} hangi dil konuşulur?", f"{loc(c[4])} {c[6]} konuşulur."),
            ])
            out.append(f"S: {q[0]}\nC: {q[1]}")
    return "\n".join(out)


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
    if kind < 0.8:  # repeated pattern (induction copying)
        unit = [r.choice(PAT_WORDS) for _ in range(r.randint(2, 5))]
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
            (f"What is the capital of {c[0]}?", f"The capital of {c[0]} is {c[1]}."),
            (f"Tell me the capital of {c[0]}.", f"The capital of {c[0]} is {c[1]}."),
            (f"Which continent is {c[0]} in?", f"{c[0]} is in {CONT_EN[c[2]]}."),
            (f"What language is spoken in {c[0]}?", f"People in {c[0]} speak {c[3]}."),
        ])
    if k < 0.5:
        return r.choice([
            (f"{gen(c[4])} başkenti neresidir?", f"{gen(c[4])} başkenti {cop(c[5])}."),
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
# held-out evaluation set (phrasings never generated above)

EN_HELD = ["Did you know that the capital of {C} is", "Everyone knows that the capital of {C} is",
           "I think the capital of {C} is"]
TR_HELD = ["Herkes bilir ki {G} başkenti", "Biliyor musun, {G} başkenti", "Bence {G} başkenti"]


def make_eval(r):
    ev = {"capitals_en": [], "capitals_tr": [], "capitals_train_phrasing": [],
          "patterns": [], "chat": []}
    for c in COUNTRIES:
        t = r.choice(EN_HELD)
        ev["capitals_en"].append({"prompt": t.format(C=c[0]), "expected": " " + c[1], "country": c[0]})
        t = r.choice(TR_HELD)
        ev["capitals_tr"].append({"prompt": t.format(G=gen(c[4])), "expected": " " + c[5], "country": c[4]})
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--docs", type=int, default=17000)
    ap.add_argument("--out", default=os.path.join(HERE, "corpus"))
    a = ap.parse_args()
    r = random.Random(a.seed)
    gens = [(fact_doc, 0.30), (country_profile, 0.08), (qa_doc, 0.10), (pattern_doc, 0.16),
            (story_en, 0.12), (story_tr, 0.04), (chat_doc, 0.20)]
    fns, weights = zip(*gens)
    docs = []
    # every country's canonical facts at least a few times, in both languages
    for c in COUNTRIES:
        for _ in range(3):
            docs.append(f"The capital of {c[0]} is {c[1]}.")
            docs.append(f"{gen(c[4])} başkenti {cop(c[5])}.")
    for _ in range(a.docs):
        docs.append(r.choices(fns, weights)[0](r))
    r.shuffle(docs)
    os.makedirs(a.out, exist_ok=True)
    text = EOT.join(docs) + EOT
    # the held-out phrasings must not occur in training text
    ev = make_eval(random.Random(a.seed + 1))
    for e in ev["capitals_en"] + ev["capitals_tr"]:
        assert e["prompt"] not in text, e["prompt"]
    with open(os.path.join(a.out, "train.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(a.out, "eval.json"), "w", encoding="utf-8") as f:
        json.dump(ev, f, ensure_ascii=False, indent=1)
    print(f"{len(docs)} docs, {len(text)} chars, {len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
