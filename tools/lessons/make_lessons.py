#!/usr/bin/env python3
"""Writes the built-in lessons (resources/lessons/*.json) from the tables below: one lesson per chapter of the two
seed documents (what inference is; the transformer's parts; prefill and decode; the KV cache; context length;
temperature / top-k / top-p; penalties; stopping; beam search; speed and memory). The JSON files are what the
explorer reads (and what teachers copy); this script only keeps their English and Turkish side by side.
Run: python3 tools/lessons/make_lessons.py"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "lessons")


def t(en, tr):
    return {"en": en, "tr": tr}


def lesson(id, title, summary, model, steps):
    return id, {"format": "inference-explorer-lesson", "version": 1, "title": title, "summary": summary,
                "model": model, "steps": steps}


PARIS = "I think the capital of France is"

LESSONS = [
    lesson("01-what-is-inference",
           t("1 · What inference is", "1 · Inference (çıkarım) nedir?"),
           t("A trained model answers by predicting one token at a time.",
             "Eğitilmiş bir model, her seferinde bir token tahmin ederek yanıt verir."),
           "tiny-gpt2",
           [
               {"title": t("A prompt becomes tokens", "İstem tokenlara dönüşür"),
                "prompt": PARIS, "op": "start", "view": "tensor", "highlight": "tokens",
                "text": t("**Inference** is using a trained model: nothing is learned any more, the weights stay fixed. "
                          "The prompt is first cut into **tokens** (the coloured chips above). Hover a chip to see its "
                          "id: the model only ever sees these numbers.",
                          "**Inference (çıkarım)**, eğitilmiş bir modeli kullanmaktır: artık hiçbir şey öğrenilmez, "
                          "ağırlıklar sabit kalır. İstem önce **tokenlara** bölünür (yukarıdaki renkli kutucuklar). "
                          "Kimliğini görmek için bir kutucuğun üzerine gelin: model yalnızca bu sayıları görür.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("The model reads all the tokens and gives a probability to every one of the 2048 tokens "
                          "it knows. Which token will it find most likely after *“I think the capital of France is”*?",
                          "Model tüm tokenları okur ve bildiği 2048 tokenın her birine bir olasılık verir. "
                          "*“I think the capital of France is”* sonrasında en olası bulacağı token hangisi?"),
                "question": {"kind": "next_token",
                             "text": t("Your guess for the next token:", "Sıradaki token için tahmininiz:"),
                             "choices": [" Paris", " London", " the", " France"],
                             "reveal": {"op": "end", "view": "tensor"},
                             "explanation": t("F5 ran the whole prefill; the last op is the softmax over the vocabulary.",
                                              "F5 tüm prefill'i çalıştırdı; son işlem sözlük üzerindeki softmax'tır.")}},
               {"title": t("One token at a time", "Her seferinde bir token"),
                "op": "end", "view": "sampling", "highlight": "sampling", "explain": "temperature",
                "text": t("An answer is built by repeating this: choose a token from the distribution, append it, "
                          "predict again. The Sampling lab shows the distribution and the token drawn; **F11** appends "
                          "one token, **Ctrl+F11** generates until a stop.",
                          "Bir yanıt bunu tekrarlayarak kurulur: dağılımdan bir token seç, ekle, yeniden tahmin et. "
                          "Örnekleme laboratuvarı dağılımı ve çekilen tokenı gösterir; **F11** bir token ekler, "
                          "**Ctrl+F11** bir durma koşuluna kadar üretir.")},
           ]),
    lesson("02-transformer-parts",
           t("2 · The transformer's parts", "2 · Transformer'ın parçaları"),
           t("Embedding, positions, masked multi-head attention, FFN, residual + norm, LM head, softmax.",
             "Gömme, konumlar, maskeli çok başlı dikkat, FFN, artık bağlantı + norm, LM head, softmax."),
           "tiny-classic",
           [
               {"title": t("Embedding", "Gömme (embedding)"),
                "prompt": "The capital of France is", "op": "token_embd", "view": "tensor", "highlight": "tensor",
                "text": t("This is **tiny-classic**, a textbook transformer: sin/cos positions, post-norm, ReLU FFN. "
                          "The first op looks up one row of the embedding table per token: a (T, 128) matrix, one "
                          "row per token.",
                          "Bu **tiny-classic**, ders kitabındaki gibi bir transformer: sin/cos konumlar, post-norm, "
                          "ReLU FFN. İlk işlem her token için gömme tablosundan bir satır alır: token başına bir "
                          "satırlık (T, 128) bir matris.")},
               {"title": t("Positions: sin/cos", "Konumlar: sin/cos"),
                "op": "pos_embd", "explain": "positional_encoding",
                "text": t("Attention alone does not know the order of the tokens, so a position vector is **added** "
                          "to each row. The explanation shows the sin/cos formula; LLaMA-style models use **RoPE** "
                          "instead (lesson model tiny-llama: the `rope` ops rotate q and k).",
                          "Dikkat tek başına tokenların sırasını bilmez, bu yüzden her satıra bir konum vektörü "
                          "**eklenir**. Açıklama sin/cos formülünü gösterir; LLaMA tarzı modeller bunun yerine "
                          "**RoPE** kullanır (tiny-llama modeli: `rope` işlemleri q ve k'yi döndürür).")},
               {"title": t("Masked attention", "Maskeli dikkat"),
                "op": "blk.0.head.0.mask", "view": "attention", "highlight": "attention",
                "text": t("Each head compares every token's query with every key. The **causal mask** sets the "
                          "upper triangle to −∞: a token may look only at itself and the tokens before it, never at "
                          "the future.",
                          "Her baş, her tokenın sorgusunu her anahtarla karşılaştırır. **Nedensel maske** üst "
                          "üçgeni −∞ yapar: bir token yalnızca kendine ve öncekilere bakabilir, asla geleceğe.")},
               {"title": t("Many heads", "Çok başlı dikkat"),
                "op": "blk.3.head.3.mix", "view": "attention", "head": [3, 1],
                "text": t("Every layer has 4 heads, each with its own pattern; the grid shows all 16. Click a small "
                          "matrix to enlarge it.",
                          "Her katmanda 4 baş var, her birinin kendi deseni var; ızgara 16'sının hepsini gösterir. "
                          "Büyütmek için küçük bir matrise tıklayın.")},
               {"title": t("Feed-forward network", "İleri beslemeli ağ (FFN)"),
                "op": "blk.0.ffn_act", "view": "tensor",
                "text": t("After attention each token goes *alone* through the FFN: ReLU(xW₁ + b₁)W₂ + b₂, widening "
                          "128 numbers to 512 and back. The ReLU sets every negative number to 0 (dark cells).",
                          "Dikkatten sonra her token *tek başına* FFN'den geçer: ReLU(xW₁ + b₁)W₂ + b₂; 128 sayıyı "
                          "512'ye genişletip geri daraltır. ReLU her negatif sayıyı 0 yapar (koyu hücreler).")},
               {"title": t("Residual + LayerNorm (post-norm)", "Artık bağlantı + LayerNorm (post-norm)"),
                "op": "blk.0.ffn_residual", "explain": "residual_add",
                "text": t("The sublayer's output is **added** to its input (the skip connection), and this model "
                          "normalises *after* the sum: x = LayerNorm(x + FFN(x)). GPT-2 and LLaMA are pre-norm: they "
                          "normalise the sublayer's input instead.",
                          "Alt katmanın çıktısı girişine **eklenir** (atlama bağlantısı) ve bu model toplamdan "
                          "*sonra* normalize eder: x = LayerNorm(x + FFN(x)). GPT-2 ve LLaMA pre-norm'dur: bunun "
                          "yerine alt katmanın girişini normalize ederler.")},
               {"title": t("LM head and softmax", "LM head ve softmax"),
                "op": "output", "view": "tensor",
                "text": t("The last row is multiplied by a (128 × 2048) matrix: one score (**logit**) per vocabulary "
                          "token. GPT-2 reuses the embedding table here (**tied embeddings**); tiny-classic has its "
                          "own. The softmax then turns the logits into probabilities that add up to 1.",
                          "Son satır (128 × 2048) bir matrisle çarpılır: her sözlük tokenı için bir puan (**logit**). "
                          "GPT-2 burada gömme tablosunu yeniden kullanır (**bağlı gömmeler**); tiny-classic'in "
                          "kendisine ait bir tablosu vardır. Softmax sonra logitleri toplamı 1 olan olasılıklara "
                          "çevirir.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("Run the softmax. Which token wins?", "Softmax'ı çalıştırın. Hangi token kazanır?"),
                "question": {"kind": "next_token", "text": t("The most likely next token:", "En olası sıradaki token:"),
                             "choices": [" Paris", " Rome", " France", " a"],
                             "reveal": {"op": "end"}}},
           ]),
    lesson("03-prefill-decode",
           t("3 · Prefill and decode", "3 · Prefill ve decode aşamaları"),
           t("The prompt goes through at once; every new token goes through alone.",
             "İstem bir kerede geçer; her yeni token tek başına geçer."),
           "tiny-gpt2",
           [
               {"title": t("Prefill: the whole prompt at once", "Prefill: tüm istem bir kerede"),
                "prompt": "Monday, Tuesday,", "op": "blk.0.head.0.softmax", "view": "attention",
                "text": t("In the **prefill** every prompt token goes through every layer together: the attention "
                          "matrix is T × T (here 4 × 4). This is the heavy part of a short answer.",
                          "**Prefill** aşamasında istemin her tokenı her katmandan birlikte geçer: dikkat matrisi "
                          "T × T'dir (burada 4 × 4). Kısa bir yanıtın ağır kısmı budur.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("After “Monday, Tuesday,” — what comes next?", "“Monday, Tuesday,” sonrasında ne gelir?"),
                "question": {"kind": "next_token", "text": t("Your guess:", "Tahmininiz:"),
                             "choices": [" Wednesday", " Thursday", " Monday", " and"],
                             "reveal": {"op": "end", "view": "tensor"}}},
               {"title": t("Decode: one new token", "Decode: tek yeni token"),
                "op": "end", "highlight": "transport",
                "text": t("Press **F9** (Next token): the most likely token is appended — it gets a **green border** "
                          "in the token strip, it is *generated*, not part of your prompt — and its **decode** pass "
                          "starts. Step with F10: the attention matrix is now one row (the new query) over all the "
                          "cached keys.",
                          "**F9**'a (Sonraki token) basın: en olası token eklenir — token şeridinde **yeşil çerçeve** "
                          "alır, *üretilmiştir*, isteminizin parçası değildir — ve onun **decode** geçişi başlar. F10 "
                          "ile adım adım ilerleyin: dikkat matrisi artık önbellekteki tüm anahtarlar üzerinde tek bir "
                          "satırdır (yeni sorgu).")},
           ]),
    lesson("04-kv-cache",
           t("4 · The KV cache", "4 · KV önbelleği"),
           t("Keys and values are computed once per token and kept.",
             "Anahtarlar ve değerler token başına bir kez hesaplanır ve saklanır."),
           "tiny-gpt2",
           [
               {"title": t("Storing k and v", "k ve v'yi saklamak"),
                "prompt": PARIS, "op": "blk.0.kv_store", "view": "tensor", "highlight": "diagram",
                "text": t("Each layer appends its new keys and values to the **KV cache**. A later token's query "
                          "attends over them without computing them again.",
                          "Her katman yeni anahtarlarını ve değerlerini **KV önbelleğine** ekler. Sonraki bir tokenın "
                          "sorgusu bunları yeniden hesaplamadan onlara bakar.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("Without a cache, how many tokens would the 10th decode step have to run through the model?",
                          "Önbellek olmasaydı 10. decode adımı modelden kaç token geçirmek zorunda kalırdı?"),
                "question": {"kind": "choice", "text": t("Tokens run at decode step 10 (prompt: 8 tokens):",
                                                          "10. decode adımında çalıştırılan token (istem: 8 token):"),
                             "choices": ["1", "10", "18"], "answer": 2,
                             "explanation": t("Without a cache, all 8 + 10 tokens go through again; with it only the "
                                              "1 new token does.",
                                              "Önbellek olmadan 8 + 10 tokenın hepsi yeniden geçer; önbellekle yalnızca "
                                              "1 yeni token geçer."),
                             "reveal": {"view": "kv"}}},
               {"title": t("The cache grows", "Önbellek büyür"),
                "view": "kv", "highlight": "kv",
                "text": t("Generate a few tokens (Ctrl+F11) and watch the KV cache view: one more column per layer for "
                          "every token. The price of the speed is memory.",
                          "Birkaç token üretin (Ctrl+F11) ve KV önbellek görünümünü izleyin: her token için katman "
                          "başına bir sütun daha. Hızın bedeli bellektir.")},
           ]),
    lesson("05-context-length",
           t("5 · Context length and its memory cost", "5 · Bağlam uzunluğu ve bellek maliyeti"),
           t("How many tokens the model can see, and what each one costs.",
             "Modelin kaç token görebildiği ve her birinin maliyeti."),
           "tiny-gpt2",
           [
               {"title": t("The context window", "Bağlam penceresi"),
                "prompt": PARIS, "view": "model", "highlight": "model",
                "text": t("The model card shows the **context**: at most 256 tokens for tiny-gpt2 (prompt + answer). "
                          "A longer prompt is refused: the positions beyond it were never trained.",
                          "Model kartı **bağlamı** gösterir: tiny-gpt2 için en çok 256 token (istem + yanıt). Daha "
                          "uzun bir istem reddedilir: onun ötesindeki konumlar hiç eğitilmedi.")},
               {"title": t("Attention grows with T²", "Dikkat T² ile büyür"),
                "op": "blk.0.head.0.softmax", "view": "attention",
                "text": t("Every head of every layer holds a T × T matrix in the prefill: doubling the prompt "
                          "quadruples it. The KV cache grows linearly: 2 × layers × dim numbers per token.",
                          "Prefill'de her katmanın her başı T × T bir matris tutar: istemi iki katına çıkarmak onu "
                          "dört katına çıkarır. KV önbelleği doğrusal büyür: token başına 2 × katman × boyut sayı.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("The prompt doubles from 8 to 16 tokens. What happens to one head's attention matrix in "
                          "the prefill?",
                          "İstem 8 tokendan 16 tokena iki katına çıkıyor. Prefill'de bir başın dikkat matrisine ne "
                          "olur?"),
                "question": {"kind": "choice", "text": t("It holds…", "Matris…"),
                             "choices": ["2 × / 2 kat", "4 × / 4 kat", "8 × / 8 kat"], "answer": 1,
                             "reveal": {"prompt": PARIS + " Paris. I think the capital of Italy is", "op": "blk.0.head.0.softmax",
                                        "view": "attention"},
                             "explanation": t("T × T: (2T)² = 4 T² numbers.", "T × T: (2T)² = 4 T² sayı.")}},
               {"title": t("Measure it", "Ölçün"),
                "view": "metrics", "highlight": "metrics", "explain": "ttft_tpot",
                "text": t("The Metrics tab generates up to the context limit and plots time and KV-cache memory per "
                          "token. Start it and watch both curves rise.",
                          "Metrikler sekmesi bağlam sınırına kadar üretir ve token başına süreyi ve KV önbellek "
                          "belleğini çizer. Başlatın ve iki eğrinin yükselişini izleyin.")},
           ]),
    lesson("06-temperature-top-k-top-p",
           t("6 · Temperature, top-k, top-p", "6 · Sıcaklık, top-k, top-p"),
           t("Shaping the distribution before a token is drawn.", "Bir token çekilmeden önce dağılımı biçimlendirmek."),
           "tiny-gpt2",
           [
               {"title": t("Two good answers", "İki iyi yanıt"),
                "prompt": "My pet is a", "op": "end", "view": "sampling", "sampling": "temperature=1,top_k=0,top_p=1",
                "explain": "temperature", "highlight": "sampling",
                "text": t("After “My pet is a” the model likes “ dog” and “ cat”. At T = 1 the table shows its own "
                          "probabilities.",
                          "“My pet is a” sonrasında model “ dog” ve “ cat”i seviyor. T = 1'de tablo modelin kendi "
                          "olasılıklarını gösterir.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("What happens to “ cat” at temperature 0.3?", "Sıcaklık 0.3'te “ cat”e ne olur?"),
                "question": {"kind": "choice", "text": t("At T = 0.3, the probability of “ cat”…",
                                                          "T = 0.3'te “ cat”in olasılığı…"),
                             "choices": ["rises / artar", "falls / azalır", "stays / aynı kalır"],
                             "answer": 1, "reveal": {"sampling": "temperature=0.3"},
                             "explanation": t("A low temperature sharpens: the leader takes almost everything.",
                                              "Düşük sıcaklık keskinleştirir: öndeki neredeyse her şeyi alır.")}},
               {"title": t("Top-k", "Top-k"),
                "sampling": "temperature=1,top_k=2", "explain": "top_k",
                "text": t("Top-k = 2 keeps only the two best tokens and renormalises them.",
                          "Top-k = 2 yalnızca en iyi iki tokenı tutar ve yeniden normalize eder.")},
               {"title": t("Top-p", "Top-p"),
                "sampling": "top_k=0,top_p=0.6", "explain": "top_p",
                "text": t("Top-p = 0.6 keeps the smallest set of tokens whose probabilities add up to 60 %: here only "
                          "“ dog”. The cut is decided on the running total of the stage's input.",
                          "Top-p = 0.6, olasılıkları toplamı %60'a ulaşan en küçük token kümesini tutar: burada "
                          "yalnızca “ dog”. Kesme, aşamaya giren olasılıkların birikimli toplamına göre yapılır.")},
           ]),
    lesson("07-penalties",
           t("7 · Presence and frequency penalties", "7 · Varlık ve sıklık cezaları"),
           t("Discouraging repetition.", "Tekrarı caydırmak."),
           "tiny-gpt2",
           [
               {"title": t("A repeating pattern", "Tekrar eden bir desen"),
                "prompt": "one two one two one two one", "op": "end", "view": "sampling",
                "sampling": "temperature=1,presence_penalty=0,frequency_penalty=0",
                "explain": "presence_frequency_penalty", "highlight": "tokens",
                "text": t("The vermilion bars under the tokens mark the **penalty window**: the tokens the penalties "
                          "look at.",
                          "Tokenların altındaki turuncu-kırmızı çubuklar **ceza penceresini** işaretler: cezaların "
                          "baktığı tokenlar.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("“ two” already appeared 3 times. With frequency penalty 1.5, how much is subtracted from "
                          "its logit?",
                          "“ two” şimdiden 3 kez geçti. Sıklık cezası 1.5 iken logitinden ne kadar çıkarılır?"),
                "question": {"kind": "choice", "text": t("Subtracted from the logit of “ two”:",
                                                          "“ two”nun logitinden çıkarılan:"),
                             "choices": ["1.5", "3", "4.5"], "answer": 2,
                             "reveal": {"sampling": "frequency_penalty=1.5"},
                             "explanation": t("frequency × count = 1.5 × 3.", "sıklık × sayı = 1.5 × 3.")}},
               {"title": t("Presence penalty", "Varlık cezası"),
                "sampling": "frequency_penalty=0,presence_penalty=1.5",
                "text": t("The presence penalty is paid once by every token that appeared, however often.",
                          "Varlık cezasını, görünmüş olan her token kaç kez geçerse geçsin bir kez öder.")},
           ]),
    lesson("08-stopping",
           t("8 · Token limits, stop sequences and EOS", "8 · Token sınırları, durdurma dizileri ve EOS"),
           t("What ends an answer.", "Bir yanıtı ne bitirir?"),
           "tiny-gpt2",
           [
               {"title": t("Three reasons to stop", "Durmak için üç neden"),
                "prompt": "The capital of France is", "op": "end", "view": "generation", "explain": "stopping",
                "highlight": "generation",
                "text": t("Generate (Ctrl+F11): the Generation tab names why the answer stopped — the token limit, a "
                          "stop sequence, or the EOS token `<|endoftext|>`.",
                          "Üretin (Ctrl+F11): Üretim sekmesi yanıtın neden durduğunu yazar — token sınırı, bir "
                          "durdurma dizisi ya da EOS tokenı `<|endoftext|>`.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("In the Sampling lab set the stop sequence to “.” and generate. What will the answer end "
                          "with?",
                          "Örnekleme laboratuvarında durdurma dizisini “.” yapın ve üretin. Yanıt neyle biter?"),
                "question": {"kind": "choice", "text": t("The answer ends…", "Yanıt…"),
                             "choices": ["with “.” / “.” ile biter", "just before “.” / “.”dan hemen önce biter",
                                         "never / hiç bitmez"],
                             "answer": 1, "reveal": {"view": "sampling"},
                             "explanation": t("The stop sequence itself is cut off the answer.",
                                              "Durdurma dizisinin kendisi yanıttan kesilir.")}},
           ]),
    lesson("09-beam-search",
           t("9 · Beam search against greedy", "9 · Işın araması ve açgözlü seçim"),
           t("Following several answers at once.", "Birden çok yanıtı aynı anda izlemek."),
           "tiny-gpt2",
           [
               {"title": t("The beam tree", "Işın ağacı"),
                "prompt": "The capital of France is", "op": "end", "view": "beam", "explain": "beam_length_penalty",
                "highlight": "beam",
                "text": t("Press **Run to end**: 4 beams grow a tree; grey nodes were pruned, orange ones finished. "
                          "Each finished answer is ranked by Σ log p / length^α.",
                          "**Sona kadar çalıştır**'a basın: 4 ışın bir ağaç büyütür; gri düğümler budandı, turuncu "
                          "olanlar bitti. Her bitmiş yanıt Σ log p / uzunluk^α ile sıralanır.")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("Greedy decoding is a beam search with how many beams?",
                          "Açgözlü seçim kaç ışınlı bir ışın aramasıdır?"),
                "question": {"kind": "choice", "text": t("Beams of greedy decoding:", "Açgözlü seçimin ışın sayısı:"),
                             "choices": ["1", "2", "4"], "answer": 0, "reveal": {"view": "compare"},
                             "explanation": t("The Compare tab shows greedy, beam and sampled answers side by side.",
                                              "Karşılaştır sekmesi açgözlü, ışın ve örneklenmiş yanıtları yan yana "
                                              "gösterir.")}},
           ]),
    lesson("10-speed-and-memory",
           t("10 · TTFT, TPOT, throughput and memory", "10 · TTFT, TPOT, verim ve bellek"),
           t("How fast inference is, and why.", "Çıkarımın ne kadar hızlı olduğu ve nedeni."),
           "tiny-llama",
           [
               {"title": t("Grouped-query attention", "Gruplanmış sorgu dikkati"),
                "prompt": "The capital of France is", "op": "blk.0.kv_store", "view": "tensor", "explain": "gqa",
                "text": t("tiny-llama has 4 query heads but only 2 key/value heads (GQA): its KV cache is half the "
                          "size. Note the k projection: (T, 64), not (T, 128).",
                          "tiny-llama'nın 4 sorgu başı ama yalnızca 2 anahtar/değer başı var (GQA): KV önbelleği "
                          "yarı boyuttadır. k izdüşümüne dikkat: (T, 128) değil, (T, 64).")},
               {"title": t("Predict, then reveal", "Önce tahmin et, sonra gör"),
                "text": t("Which is usually longer for a short answer: the time to the first token (TTFT) or the time "
                          "of one later token (TPOT)?",
                          "Kısa bir yanıtta genellikle hangisi daha uzundur: ilk tokena kadar geçen süre (TTFT) mi, "
                          "sonraki bir tokenın süresi (TPOT) mi?"),
                "question": {"kind": "choice", "text": t("Longer:", "Daha uzun:"),
                             "choices": ["TTFT", "TPOT"], "answer": 0, "reveal": {"view": "metrics"},
                             "explanation": t("TTFT includes the prefill of the whole prompt.",
                                              "TTFT tüm istemin prefill'ini içerir.")}},
               {"title": t("Measure", "Ölçün"),
                "view": "metrics", "highlight": "metrics", "explain": "ttft_tpot",
                "text": t("Start the measurement in the Metrics tab: time per token and KV-cache memory, token by "
                          "token, on this computer.",
                          "Metrikler sekmesinde ölçümü başlatın: bu bilgisayarda, token token, token başına süre ve "
                          "KV önbellek belleği.")},
           ]),
]

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for id, data in LESSONS:
        with open(os.path.join(OUT, id + ".json"), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(id)
