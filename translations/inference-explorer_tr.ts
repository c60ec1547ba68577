<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>OpLabel</name>
    <message>
        <source>token embedding</source>
        <translation>token gömmesi</translation>
    </message>
    <message>
        <source>positional encoding</source>
        <translation>konum kodlaması</translation>
    </message>
    <message>
        <source>attention norm</source>
        <translation>dikkat normu</translation>
    </message>
    <message>
        <source>q projection</source>
        <translation>q projeksiyonu</translation>
    </message>
    <message>
        <source>k projection</source>
        <translation>k projeksiyonu</translation>
    </message>
    <message>
        <source>v projection</source>
        <translation>v projeksiyonu</translation>
    </message>
    <message>
        <source>RoPE on q</source>
        <translation>q&apos;ya RoPE</translation>
    </message>
    <message>
        <source>RoPE on k</source>
        <translation>k&apos;ye RoPE</translation>
    </message>
    <message>
        <source>append k, v to the KV cache</source>
        <translation>k, v KV cache&apos;e eklenir</translation>
    </message>
    <message>
        <source>attention scores</source>
        <translation>dikkat skorları</translation>
    </message>
    <message>
        <source>causal mask</source>
        <translation>nedensel maske</translation>
    </message>
    <message>
        <source>attention probabilities</source>
        <translation>dikkat olasılıkları</translation>
    </message>
    <message>
        <source>weighted sum of values</source>
        <translation>değerlerin ağırlıklı toplamı</translation>
    </message>
    <message>
        <source>concatenate heads</source>
        <translation>başları birleştir</translation>
    </message>
    <message>
        <source>attention output projection</source>
        <translation>dikkat çıkış izdüşümü</translation>
    </message>
    <message>
        <source>residual add (attention)</source>
        <translation>artık toplama (dikkat)</translation>
    </message>
    <message>
        <source>MLP norm</source>
        <translation>MLP normu</translation>
    </message>
    <message>
        <source>MLP gate projection</source>
        <translation>MLP kapı izdüşümü (gate)</translation>
    </message>
    <message>
        <source>MLP up projection</source>
        <translation>MLP yukarı izdüşümü</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>aktivasyon</translation>
    </message>
    <message>
        <source>MLP down projection</source>
        <translation>MLP aşağı izdüşümü</translation>
    </message>
    <message>
        <source>residual add (MLP)</source>
        <translation>artık toplama (MLP)</translation>
    </message>
    <message>
        <source>final norm</source>
        <translation>son norm</translation>
    </message>
    <message>
        <source>LM head (logits)</source>
        <translation>LM head (logit&apos;ler)</translation>
    </message>
    <message>
        <source>softmax over the vocabulary</source>
        <translation>sözlük üzerinde softmax</translation>
    </message>
    <message>
        <source>embedding scale</source>
        <translation>gömme ölçeği</translation>
    </message>
    <message>
        <source>q norm (per head)</source>
        <translation>q normu (başlık başına)</translation>
    </message>
    <message>
        <source>k norm (per head)</source>
        <translation>k normu (başlık başına)</translation>
    </message>
    <message>
        <source>sliding-window mask</source>
        <translation>kayan pencere maskesi</translation>
    </message>
    <message>
        <source>soft-cap of the scores</source>
        <translation>skorların yumuşak sınırlaması</translation>
    </message>
    <message>
        <source>attention output norm</source>
        <translation>dikkat çıktısı normu</translation>
    </message>
    <message>
        <source>MLP output norm</source>
        <translation>MLP çıktısı normu</translation>
    </message>
    <message>
        <source>soft-cap of the logits</source>
        <translation>logitlerin yumuşak sınırlaması</translation>
    </message>
    <message>
        <source>layer %1 · </source>
        <translation>katman %1 · </translation>
    </message>
    <message>
        <source>head %1 · </source>
        <translation>baş %1 · </translation>
    </message>
    <message>
        <source>learned</source>
        <translation>öğrenilmiş</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>context length (tokens)</source>
        <translation>bağlam uzunluğu (token)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>kapalı</translation>
    </message>
    <message>
        <source>0 greedy</source>
        <translation>0 = greedy</translation>
    </message>
    <message>
        <source>%1: the view %2 cannot be shown</source>
        <translation>%1: %2 görünümü gösterilemiyor</translation>
    </message>
    <message>
        <source>%1: the view %2 has nothing to export</source>
        <translation>%1: %2 görünümünde dışa aktarılacak bir şey yok</translation>
    </message>
    <message>
        <source>%1: the file name must end in .png, .svg or .csv</source>
        <translation>%1: dosya adı .png, .svg ya da .csv ile bitmeli</translation>
    </message>
    <message>
        <source>%1: scale %2 is not supported (1 to %3)</source>
        <translation>%1: %2 ölçeği desteklenmiyor (1 ile %3 arası)</translation>
    </message>
    <message>
        <source>%1: the view has nothing to draw</source>
        <translation>%1: görünümde çizilecek bir şey yok</translation>
    </message>
    <message>
        <source>%1: this view has no table to export (PNG or SVG instead)</source>
        <translation>%1: bu görünümün dışa aktarılacak tablosu yok (onun yerine PNG ya da SVG)</translation>
    </message>
    <message>
        <source>%1: could not write (%2)</source>
        <translation>%1: yazılamadı (%2)</translation>
    </message>
    <message>
        <source>Q3_K: values only (its scales are not taken apart here)</source>
        <translation>Q3_K: yalnızca değerler (ölçekleri burada açılmıyor)</translation>
    </message>
    <message>
        <source>sequences decoded together (batch size)</source>
        <translation>batch boyutu (dizi sayısı)</translation>
    </message>
</context>
<context>
    <name>StepSnapshot</name>
    <message>
        <source>Prefill</source>
        <translation>Prefill</translation>
    </message>
    <message>
        <source>Decode %1</source>
        <translation>Decode %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · ready: %n op(s) to run</source>
        <translation>
            <numerusform>%1 · hazır: çalıştırılacak %n işlem</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenHtml</name>
    <message>
        <source>colour = probability %1 · %2 special token</source>
        <translation>renk = olasılık %1 · %2 özel token</translation>
    </message>
    <message>
        <source>colour = probability %1</source>
        <translation>renk = olasılık %1</translation>
    </message>
</context>
<context>
    <name>TokenInfo</name>
    <message>
        <source>%1
position %2 · id %3
bytes: %4</source>
        <translation>%1
konum %2 · id %3
baytlar: %4</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(yok)</translation>
    </message>
    <message>
        <source>
special token</source>
        <translation>
özel token</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watch a transformer language model run one operation at a time.</source>
        <translation>Bir transformer dil modelinin her seferinde tek bir işlem çalıştırmasını izleyin.</translation>
    </message>
    <message>
        <source>Model folder to open (default: sample_models/tiny-gpt2).</source>
        <translation>Açılacak model klasörü (varsayılan: sample_models/tiny-gpt2).</translation>
    </message>
    <message>
        <source>Prompt text.</source>
        <translation>Prompt metni.</translation>
    </message>
    <message>
        <source>Run N ops of the prefill.</source>
        <translation>Prefill&apos;in ilk N işlemini çalıştır.</translation>
    </message>
    <message>
        <source>Run the whole prefill (and the whole of each decode pass).</source>
        <translation>Prefill&apos;in tamamını (ve her decode geçişinin tamamını) çalıştır.</translation>
    </message>
    <message>
        <source>After the prefill, append the most likely token N times, each with its decode pass (--step then counts ops of the last one).</source>
        <translation>Prefill&apos;den sonra en olası tokenı N kez ekle, her birini kendi decode geçişiyle (--step o zaman sonuncusunun işlemlerini sayar).</translation>
    </message>
    <message>
        <source>Save the window to FILE.png and exit.</source>
        <translation>Pencereyi FILE.png dosyasına kaydet ve çık.</translation>
    </message>
    <message>
        <source>Window size for the screenshot (default 1280x800).</source>
        <translation>Ekran görüntüsünün pencere boyutu (varsayılan 1280x800).</translation>
    </message>
    <message>
        <source>light or dark.</source>
        <translation>light (açık) ya da dark (koyu).</translation>
    </message>
    <message>
        <source>Explanation language: en or tr.</source>
        <translation>Açıklamaların dili: en ya da tr.</translation>
    </message>
    <message>
        <source>Select token position N in every view.</source>
        <translation>Her görünümde N. konumdaki tokenı seç.</translation>
    </message>
    <message>
        <source>Attention head to enlarge, as LAYER.HEAD.</source>
        <translation>Büyütülecek dikkat başı, KATMAN.BAŞ biçiminde.</translation>
    </message>
    <message>
        <source>Zoom factor of the tensor heatmap.</source>
        <translation>Tensör ısı haritasının yakınlaştırma oranı.</translation>
    </message>
    <message>
        <source>The sample model tiny-gpt2 was not found. Looked in:
%1

Open a model folder with File ▸ Open model…, or pass --model DIR.</source>
        <translation>Örnek model tiny-gpt2 bulunamadı. Bakılan yerler:
%1

Dosya ▸ Model aç… ile bir model klasörü açın ya da --model DIR verin.</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Model yok</translation>
    </message>
    <message>
        <source>Interface language: en or tr (default: the saved choice, else the system language).</source>
        <translation>Arayüz dili: en ya da tr (varsayılan: kaydedilmiş seçim, yoksa sistemin dili).</translation>
    </message>
    <message>
        <source>View to show: %1 (sampling also as sampling:temperature=0.8,top_k=8, rope as rope:layer=0,query=40,key=8).</source>
        <translation>Gösterilecek görünüm: %1 (sampling, sampling:temperature=0.8,top_k=8 biçiminde de; rope, rope:layer=0,query=40,key=8 biçiminde).</translation>
    </message>
    <message>
        <source>File --export writes: .png (see --scale), .svg (vector) or .csv (the view&apos;s table).</source>
        <translation>--export&apos;un yazdığı dosya: .png (bkz. --scale), .svg (vektör) ya da .csv (görünümün tablosu).</translation>
    </message>
    <message>
        <source>Pixel scale of an exported PNG: 1, 2 or 4 (default 1).</source>
        <translation>Dışa aktarılan PNG’nin piksel ölçeği: 1, 2 ya da 4 (varsayılan 1).</translation>
    </message>
    <message>
        <source>Start in presentation mode (high contrast, docks hidden, 150% text).</source>
        <translation>Sunum modunda başla (yüksek karşıtlık, yan paneller gizli, yazı 1,5 kat).</translation>
    </message>
    <message>
        <source>Text size of the whole interface in percent (e.g. 150).</source>
        <translation>Tüm arayüzün yazı boyutu, yüzde olarak (ör. 150).</translation>
    </message>
    <message>
        <source>Export the view NAME alone to the file of --out (.png, .svg, .csv; .json: the whole state) and exit.</source>
        <translation>NAME görünümünü tek başına --out dosyasına (.png, .svg, .csv; .json: tüm durum) aktar ve çık.</translation>
    </message>
    <message>
        <source>Open a saved session (File ▸ Save session).</source>
        <translation>Kaydedilmiş bir oturumu aç (Dosya ▸ Oturumu kaydet).</translation>
    </message>
    <message>
        <source>Open a lesson: a lesson file, or a built-in lesson&apos;s name (01-what-is-inference).</source>
        <translation>Bir ders aç: bir ders dosyası ya da yerleşik bir dersin adı (01-what-is-inference).</translation>
    </message>
    <message>
        <source>With --lesson: go to step N (1 = the first).</source>
        <translation>--lesson ile: N. adıma git (1 = ilki).</translation>
    </message>
    <message>
        <source>With --lesson: pick choice N (1 = the first) of the step&apos;s question.</source>
        <translation>--lesson ile: adımın sorusunda N. seçeneği seç (1 = ilki).</translation>
    </message>
    <message>
        <source>Attention view: FlashAttention on the enlarged head, at tile N (from 1).</source>
        <translation>Dikkat görünümü: büyütülen başta FlashAttention, N. karoda (1&apos;den başlar).</translation>
    </message>
    <message>
        <source>Add an intervention (repeatable): blk.L.head.H[:mean], blk.L.attn, blk.L.mlp or blk.L.head.H:Q-&gt;K.</source>
        <translation>Bir müdahale ekle (tekrarlanabilir): blk.L.head.H[:mean], blk.L.attn, blk.L.mlp ya da blk.L.head.H:Q-&gt;K.</translation>
    </message>
    <message>
        <source>Compare the model with FILE, another file of it (e.g. its Q4_K_M GGUF), on the prompt (the quantization view).</source>
        <translation>Modeli istem üzerinde FILE ile, aynı modelin başka bir dosyasıyla (ör. Q4_K_M GGUF&apos;u) karşılaştır (nicemleme görünümü).</translation>
    </message>
</context>
<context>
    <name>ui::ArchitectureDiagram</name>
    <message>
        <source>tokens (ids)</source>
        <translation>tokenlar (id&apos;ler)</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>Blok %1</translation>
    </message>
    <message>
        <source>h%1</source>
        <translation>b%1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>baş %1</translation>
    </message>
    <message>
        <source>%1 per head</source>
        <translation>baş başına %1</translation>
    </message>
    <message>
        <source>Load a model to see its architecture.</source>
        <translation>Mimarisini görmek için bir model yükleyin.</translation>
    </message>
    <message>
        <source>── residual stream</source>
        <translation>── residual akış</translation>
    </message>
    <message numerus="yes">
        <source>  (%n op(s))</source>
        <translation>
            <numerusform>  (%n işlem)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: ops %2–%3
click to jump to its first op</source>
        <translation>%1: işlem %2–%3
ilk işlemine gitmek için tıklayın</translation>
    </message>
    <message>
        <source>#%1 %2
%3 → %4</source>
        <translation>#%1 %2
%3 → %4</translation>
    </message>
</context>
<context>
    <name>ui::AttentionPanel</name>
    <message>
        <source>&amp;Matrix</source>
        <translation>Matri&amp;s</translation>
    </message>
    <message>
        <source>L&amp;ines</source>
        <translation>Çi&amp;zgiler</translation>
    </message>
    <message>
        <source>Show the selected head as:</source>
        <translation>Seçili başı göster:</translation>
    </message>
    <message>
        <source>Click a small matrix to enlarge it; click a row (or a token) to follow one query.</source>
        <translation>Büyütmek için küçük bir matrise tıklayın; bir sorguyu izlemek için bir satıra (ya da bir tokena) tıklayın.</translation>
    </message>
    <message>
        <source>FlashAttention tiles</source>
        <translation>FlashAttention karoları</translation>
    </message>
    <message>
        <source>Compute the enlarged head tile by tile with the online softmax (Ctrl+Shift+F)</source>
        <translation>Büyütülen başı çevrimiçi softmax ile karo karo hesapla (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Previous tile</source>
        <translation>Önceki karo</translation>
    </message>
    <message>
        <source>Next tile</source>
        <translation>Sonraki karo</translation>
    </message>
    <message>
        <source>Previous tile (Ctrl+[)</source>
        <translation>Önceki karo (Ctrl+[)</translation>
    </message>
    <message>
        <source>Next tile (Ctrl+])</source>
        <translation>Sonraki karo (Ctrl+])</translation>
    </message>
    <message>
        <source>Computing the tiles of layer %1 · head %2…</source>
        <translation>Katman %1 · baş %2 karoları hesaplanıyor…</translation>
    </message>
    <message>
        <source>Run the prefill past this head&apos;s softmax to walk its tiles.</source>
        <translation>Karolarını gezmek için prefill&apos;i bu başın softmax&apos;ını geçene kadar çalıştırın.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer %1 · head %2 · tile %3 of %4&lt;/b&gt;: queries %5–%6, keys %7–%8 (tile %9)&lt;br&gt;&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;query row&lt;/td&gt;&lt;td&gt;&lt;b&gt;%10&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;running max m&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;running sum l&lt;/td&gt;&lt;td&gt;%12&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;partial output o / l&lt;/td&gt;&lt;td&gt;[%13]&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;b&gt;Katman %1 · baş %2 · karo %3 / %4&lt;/b&gt;: sorgular %5–%6, anahtarlar %7–%8 (karo %9)&lt;br&gt;&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;sorgu satırı&lt;/td&gt;&lt;td&gt;&lt;b&gt;%10&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;güncel maksimum m&lt;/td&gt;&lt;td&gt;%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;güncel toplam l&lt;/td&gt;&lt;td&gt;%12&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;kısmi çıktı o / l&lt;/td&gt;&lt;td&gt;[%13]&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>ui::AttentionView</name>
    <message>
        <source>Load a model and step into a layer to see attention.</source>
        <translation>Dikkati görmek için bir model yükleyin ve bir katmana kadar ilerleyin.</translation>
    </message>
    <message>
        <source>Layer %1 · head %2</source>
        <translation>Katman %1 · baş %2</translation>
    </message>
    <message>
        <source>row = a token (query), column = a token it may look at (key)</source>
        <translation>satır = bir token (sorgu), sütun = bakabileceği bir token (anahtar)</translation>
    </message>
    <message>
        <source>line weight = attention</source>
        <translation>çizgi kalınlığı = dikkat</translation>
    </message>
    <message>
        <source>This head has not run yet. Step forward (F10) or run the prefill (F5).</source>
        <translation>Bu baş henüz çalışmadı. İleri adım atın (F10) ya da prefill&apos;i çalıştırın (F5).</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>Tüm başlar</translation>
    </message>
    <message>
        <source>h%1</source>
        <translation>b%1</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>K%1</translation>
    </message>
    <message>
        <source>masked (future)</source>
        <translation>maskeli (gelecek)</translation>
    </message>
    <message>
        <source>query (asks)</source>
        <translation>sorgu (soran)</translation>
    </message>
    <message>
        <source>key (is looked at)</source>
        <translation>anahtar (bakılan)</translation>
    </message>
    <message>
        <source>query %1 (%2) → key %3 (%4)
attention %5%6</source>
        <translation>sorgu %1 (%2) → anahtar %3 (%4)
dikkat %5%6</translation>
    </message>
    <message>
        <source> (masked: a token cannot see the future)</source>
        <translation> (maskeli: bir token geleceği göremez)</translation>
    </message>
    <message>
        <source> (masked: outside the sliding window of %1)</source>
        <translation> (maskeli: %1 konumluk kayan pencerenin dışında)</translation>
    </message>
    <message>
        <source>local</source>
        <translation>yerel</translation>
    </message>
    <message>
        <source>global</source>
        <translation>küresel</translation>
    </message>
    <message>
        <source>masked (future, or outside the window)</source>
        <translation>maskeli (gelecek ya da pencerenin dışı)</translation>
    </message>
    <message>
        <source>layer %1 · head %2 (click to enlarge)</source>
        <translation>katman %1 · baş %2 (büyütmek için tıklayın)</translation>
    </message>
    <message>
        <source>layer %1 · head %2: not computed yet</source>
        <translation>katman %1 · baş %2: henüz hesaplanmadı</translation>
    </message>
    <message>
        <source>≈ %1 (largest in this block; the exact values are on their way)</source>
        <translation>≈ %1 (bu bloktaki en büyük değer; kesin değerler yolda)</translation>
    </message>
</context>
<context>
    <name>ui::AttributionBars</name>
    <message>
        <source>embedding</source>
        <translation>gömme</translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation>K%1 B%2</translation>
    </message>
    <message>
        <source>L%1 attention bias</source>
        <translation>K%1 dikkat sapması</translation>
    </message>
    <message>
        <source>L%1 MLP</source>
        <translation>K%1 MLP</translation>
    </message>
    <message>
        <source>output biases</source>
        <translation>çıkış sapmaları</translation>
    </message>
    <message>
        <source>L00 attention bias</source>
        <translation>K00 dikkat sapması</translation>
    </message>
    <message>
        <source>total = logit</source>
        <translation>toplam = logit</translation>
    </message>
</context>
<context>
    <name>ui::AttributionPanel</name>
    <message>
        <source>the most likely next token, or e.g. ␣Paris</source>
        <translation>en olası sıradaki token ya da örn. ␣Paris</translation>
    </message>
    <message>
        <source>optional, e.g. ␣Berlin</source>
        <translation>isteğe bağlı, örn. ␣Berlin</translation>
    </message>
    <message>
        <source>Split the last position&apos;s logit into what the embedding, every head and every MLP wrote</source>
        <translation>Son konumun logitini gömmenin, her başın ve her MLP&apos;nin yazdıklarına ayır</translation>
    </message>
    <message>
        <source>No attribution for this model and prompt:</source>
        <translation>Bu model ve istem için katkı ayrıştırması yok:</translation>
    </message>
    <message>
        <source>The attribution of the prompt&apos;s next token runs when this tab is shown.</source>
        <translation>İstemin sıradaki tokenının katkı ayrıştırması bu sekme gösterildiğinde çalışır.</translation>
    </message>
    <message>
        <source>Open a model and type a prompt first.</source>
        <translation>Önce bir model açın ve bir istem yazın.</translation>
    </message>
    <message>
        <source>Attributing …</source>
        <translation>Ayrıştırılıyor …</translation>
    </message>
    <message>
        <source>logit(%1) − logit(%2)</source>
        <translation>logit(%1) − logit(%2)</translation>
    </message>
    <message>
        <source>logit(%1)</source>
        <translation>logit(%1)</translation>
    </message>
    <message>
        <source>%1 at position %2 = %3; the parts add up to %4 (final norm&apos;s scale frozen at %5). Click a bar to step to its op.</source>
        <translation>%2. konumda %1 = %3; parçaların toplamı %4 (son normun ölçeği %5 değerinde donduruldu). İşlemine gitmek için bir çubuğa tıklayın.</translation>
    </message>
    <message>
        <source>Logit &amp;of:</source>
        <translation>&amp;Logiti:</translation>
    </message>
    <message>
        <source>mi&amp;nus:</source>
        <translation>ek&amp;si:</translation>
    </message>
    <message>
        <source>Attribut&amp;e</source>
        <translation>&amp;Paylaştır</translation>
    </message>
</context>
<context>
    <name>ui::BeamHypothesisModel</name>
    <message>
        <source>EOS</source>
        <translation>EOS</translation>
    </message>
    <message>
        <source>length limit</source>
        <translation>uzunluk sınırı</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>text</source>
        <translation>metin</translation>
    </message>
    <message>
        <source>score</source>
        <translation>skor</translation>
    </message>
    <message>
        <source>Σ log p</source>
        <translation>Σ log p</translation>
    </message>
    <message>
        <source>length</source>
        <translation>uzunluk</translation>
    </message>
    <message>
        <source>ended by</source>
        <translation>bitiş nedeni</translation>
    </message>
</context>
<context>
    <name>ui::BeamPanel</name>
    <message>
        <source>beams</source>
        <translation>ışın</translation>
    </message>
    <message>
        <source>how many sequences are followed in parallel</source>
        <translation>paralel olarak kaç dizi izlenir</translation>
    </message>
    <message>
        <source>length penalty</source>
        <translation>uzunluk cezası</translation>
    </message>
    <message>
        <source>score = Σ log p / length^α; α &gt; 0 favours longer answers</source>
        <translation>skor = Σ log p / uzunluk^α; α &gt; 0 daha uzun cevapları kayırır</translation>
    </message>
    <message>
        <source>max new tokens</source>
        <translation>en çok yeni token</translation>
    </message>
    <message>
        <source>the longest hypothesis</source>
        <translation>en uzun hipotez</translation>
    </message>
    <message>
        <source>return</source>
        <translation>döndür</translation>
    </message>
    <message>
        <source>how many finished hypotheses are returned</source>
        <translation>kaç bitmiş hipotez döndürülür</translation>
    </message>
    <message>
        <source>early stopping</source>
        <translation>erken durdurma</translation>
    </message>
    <message>
        <source>Hugging Face early_stopping: false = heuristic, true = stop with B finished, never = exhaustive bound</source>
        <translation>Hugging Face early_stopping: false = sezgisel, true = B hipotez bitince dur, never = kesin sınıra kadar ara</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlat</translation>
    </message>
    <message>
        <source>prefill the prompt: the tree&apos;s root</source>
        <translation>promptun prefill&apos;i: ağacın kökü</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Adım at</translation>
    </message>
    <message>
        <source>one step: expand every beam, keep the best</source>
        <translation>bir adım: her ışını genişlet, en iyilerini tut</translation>
    </message>
    <message>
        <source>Run to end</source>
        <translation>Sonuna kadar</translation>
    </message>
    <message>
        <source>step until the search stops</source>
        <translation>arama durana kadar adım at</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>stop the running search</source>
        <translation>süren aramayı durdur</translation>
    </message>
    <message>
        <source>&lt;b&gt;stopped: %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;durdu: %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>running</source>
        <translation>sürüyor</translation>
    </message>
    <message>
        <source>beam settings outside the boxes: %1 beams, %2 new tokens, length penalty %3</source>
        <translation>kutuların dışında kalan ışın ayarları: %1 ışın, %2 yeni token, uzunluk cezası %3</translation>
    </message>
    <message>
        <source>Start (or Run to end) grows the tree for this prompt.</source>
        <translation>Başlat (ya da Sona kadar çalıştır) bu istem için ağacı büyütür.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 beams&lt;/b&gt; · step %2 · %3 nodes (&lt;span style=&apos;color:#2e7d32&apos;&gt;%4 kept&lt;/span&gt;, &lt;span style=&apos;color:#9e9e9e&apos;&gt;%5 pruned&lt;/span&gt;, &lt;span style=&apos;color:#ff8f00&apos;&gt;%6 finished&lt;/span&gt;) · %7 forward passes in %8 passes over the weights · %9%10</source>
        <translation>&lt;b&gt;%1 ışın&lt;/b&gt; · adım %2 · %3 düğüm (&lt;span style=&apos;color:#2e7d32&apos;&gt;%4 tutuldu&lt;/span&gt;, &lt;span style=&apos;color:#9e9e9e&apos;&gt;%5 budandı&lt;/span&gt;, &lt;span style=&apos;color:#ff8f00&apos;&gt;%6 bitti&lt;/span&gt;) · ağırlıklar üzerinden %8 geçişte %7 ileri geçiş · %9%10</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b style=&apos;color:#c0392b&apos;&gt;intervened:&lt;/b&gt; %1 (every beam)</source>
        <translation>&lt;br&gt;&lt;b style=&apos;color:#c0392b&apos;&gt;müdahale:&lt;/b&gt; %1 (her ışında)</translation>
    </message>
</context>
<context>
    <name>ui::BeamTreeView</name>
    <message>
        <source>the prompt (root)</source>
        <translation>prompt (kök)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (id %2) at step %3&lt;br&gt;log p = %4&lt;br&gt;cumulative log p = &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;score = %6&lt;br&gt;rank %7 among the step&apos;s candidates&lt;br&gt;%8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (id %2), adım %3&lt;br&gt;log p = %4&lt;br&gt;birikimli log p = &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;skor = %6&lt;br&gt;adımın adayları arasında %7. sırada&lt;br&gt;%8</translation>
    </message>
    <message>
        <source>&lt;br&gt;finished hypothesis #%1</source>
        <translation>&lt;br&gt;bitmiş hipotez #%1</translation>
    </message>
    <message>
        <source>Start a beam search to grow the tree.</source>
        <translation>Ağacı büyütmek için bir ışın araması başlatın.</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>adım %1</translation>
    </message>
</context>
<context>
    <name>ui::BeforeAfterView</name>
    <message>
        <source>Compare &amp;without / with</source>
        <translation>Müdahalesiz / müdahaleli &amp;çalıştır</translation>
    </message>
    <message>
        <source>Run the stepper&apos;s tokens without and with the interventions</source>
        <translation>Adım adım yürütücünün tokenlarını müdahalesiz ve müdahaleli çalıştır</translation>
    </message>
    <message>
        <source>greedy tokens: </source>
        <translation>açgözlü token: </translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>p before</source>
        <translation>p önce</translation>
    </message>
    <message>
        <source>p after</source>
        <translation>p sonra</translation>
    </message>
    <message>
        <source>Δ p</source>
        <translation>Δ p</translation>
    </message>
    <message>
        <source>logit before</source>
        <translation>logit önce</translation>
    </message>
    <message>
        <source>logit after</source>
        <translation>logit sonra</translation>
    </message>
    <message>
        <source>Δ logit</source>
        <translation>Δ logit</translation>
    </message>
    <message>
        <source>rank before → after</source>
        <translation>sıra önce → sonra</translation>
    </message>
    <message>
        <source>Greedy generation without the interventions</source>
        <translation>Müdahalesiz açgözlü üretim</translation>
    </message>
    <message>
        <source>Greedy generation with them</source>
        <translation>Müdahaleli açgözlü üretim</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Karşılaştırılıyor…</translation>
    </message>
    <message>
        <source>No interventions: both runs are the same (KL = %1 nats).</source>
        <translation>Müdahale yok: iki çalıştırma aynı (KL = %1 nat).</translation>
    </message>
    <message>
        <source>With %1: KL(before ‖ after) = %2 nats.</source>
        <translation>%1 ile: KL(önce ‖ sonra) = %2 nat.</translation>
    </message>
</context>
<context>
    <name>ui::ComparisonView</name>
    <message>
        <source>seeded samples</source>
        <translation>tohumlu örnek</translation>
    </message>
    <message>
        <source>beams</source>
        <translation>ışın</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Karşılaştır</translation>
    </message>
    <message>
        <source>Run greedy, beam search and the samples (sampling parameters and max new tokens from the sampling lab)</source>
        <translation>Greedy, ışın araması ve örnekleri çalıştır (örnekleme ayarları ve en çok yeni token sayısı örnekleme laboratuvarından)</translation>
    </message>
    <message>
        <source>all runs agree</source>
        <translation>tüm çalıştırmalar aynı</translation>
    </message>
    <message>
        <source>the runs first part ways at generated token &lt;b&gt;%1&lt;/b&gt; (marked &lt;span style=&apos;color:#c0392b&apos;&gt;┃&lt;/span&gt;)</source>
        <translation>çalıştırmalar ilk kez üretilen &lt;b&gt;%1.&lt;/b&gt; tokenda ayrılıyor (&lt;span style=&apos;color:#c0392b&apos;&gt;┃&lt;/span&gt; ile işaretli)</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th align=left&gt;run&lt;/th&gt;&lt;th align=left&gt;tokens (colour = the model&apos;s probability)&lt;/th&gt;&lt;th align=right&gt;Σ log p&lt;/th&gt;&lt;th align=right&gt;length&lt;/th&gt;&lt;th align=left&gt;stop&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;th align=left&gt;çalıştırma&lt;/th&gt;&lt;th align=left&gt;tokenlar (renk = modelin olasılığı)&lt;/th&gt;&lt;th align=right&gt;Σ log p&lt;/th&gt;&lt;th align=right&gt;uzunluk&lt;/th&gt;&lt;th align=left&gt;durma&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Comparing greedy, beam search and %n sample(s)</source>
        <translation>
            <numerusform>Açgözlü seçim, ışın araması ve %n örnek karşılaştırılıyor</numerusform>
        </translation>
    </message>
    <message>
        <source> · &lt;b style=&apos;color:#c0392b&apos;&gt;intervened:&lt;/b&gt; %1 (every run)</source>
        <translation> · &lt;b style=&apos;color:#c0392b&apos;&gt;müdahale:&lt;/b&gt; %1 (her çalıştırmada)</translation>
    </message>
</context>
<context>
    <name>ui::DecodingGenerationView</name>
    <message>
        <source>Time per forward pass (ms): prefill vs each decode step</source>
        <translation>İleri geçiş başına süre (ms): prefill ve her decode adımı</translation>
    </message>
    <message>
        <source>prefill</source>
        <translation>prefill</translation>
    </message>
    <message>
        <source>decode step</source>
        <translation>decode adımı</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>prompt token %1 (id %2), read by the prefill</source>
        <translation>prompt tokenı %1 (id %2), prefill tarafından okundu</translation>
    </message>
    <message>
        <source>generated token %1 (id %2): p = %3, %4 — click to step through its decode pass</source>
        <translation>üretilen token %1 (id %2): p = %3, %4 — decode geçişinde adım adım ilerlemek için tıklayın</translation>
    </message>
    <message>
        <source>&lt;p&gt;Stop sequence &lt;b style=&apos;background:#f4c7c3&apos;&gt;%1&lt;/b&gt; found in the text: the answer ends before it: &lt;i&gt;%2&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Durdurma dizisi &lt;b style=&apos;background:#f4c7c3&apos;&gt;%1&lt;/b&gt; metinde bulundu: cevap ondan önce biter: &lt;i&gt;%2&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c0392b&apos;&gt;■ Why did it stop?&lt;/b&gt; %1</source>
        <translation>&lt;b style=&apos;color:#c0392b&apos;&gt;■ Neden durdu?&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Generating:&lt;/b&gt; %1 token(s) so far, at most %2 · click &lt;i&gt;Step token&lt;/i&gt; (F11) or &lt;i&gt;Generate&lt;/i&gt;</source>
        <translation>&lt;b&gt;Üretiliyor:&lt;/b&gt; şimdiye kadar %1 token, en çok %2 · &lt;i&gt;Tek token&lt;/i&gt; (F11) ya da &lt;i&gt;Üret&lt;/i&gt; düğmesine tıklayın</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#6a1b9a&apos;&gt;&lt;b&gt;Prefill&lt;/b&gt;&lt;/span&gt;: %1 prompt tokens in one pass, %2 (%3 tokens/s) · &lt;span style=&apos;color:#00897b&apos;&gt;&lt;b&gt;Decode&lt;/b&gt;&lt;/span&gt;: %4 token(s), one pass each, mean %5 per token (%6 tokens/s)</source>
        <translation>&lt;span style=&apos;color:#6a1b9a&apos;&gt;&lt;b&gt;Prefill&lt;/b&gt;&lt;/span&gt;: tek geçişte %1 prompt tokenı, %2 (%3 token/sn) · &lt;span style=&apos;color:#00897b&apos;&gt;&lt;b&gt;Decode&lt;/b&gt;&lt;/span&gt;: %4 token, her biri bir geçiş, token başına ortalama %5 (%6 token/sn)</translation>
    </message>
    <message>
        <source>prefill, then decode steps 1 … %1</source>
        <translation>prefill, sonra decode adımları 1 … %1</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c0392b&apos;&gt;■ Cancelled&lt;/b&gt; after %1 token(s) of at most %2: this is only the answer so far.</source>
        <translation>&lt;b style=&apos;color:#c0392b&apos;&gt;■ İptal edildi&lt;/b&gt;: en çok %2 tokendan %1 tanesinden sonra; bu yalnızca şimdiye kadarki yanıttır.</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=2&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;TTFT&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;time to the first token (prefill + first draw)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;TPOT&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;td&gt;mean time per further token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;weights&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;KV cache&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;td&gt;%5 per token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;attention&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;td&gt;if every score matrix were kept (grows with ctx²); held: %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;forward passes&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;process peak&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;td&gt;the most memory (RSS) the whole program has held since it started — every model and run so far, not this generation alone&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=2&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;TTFT&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;ilk tokena kadar geçen süre (prefill + ilk çekiliş)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;TPOT&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;td&gt;sonraki token başına ortalama süre&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;ağırlıklar&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;KV önbelleği&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;td&gt;token başına %5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;dikkat&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;td&gt;her skor matrisi saklansaydı (ctx² ile büyür); tutulan: %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;ileri geçişler&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;td&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;süreç zirvesi&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;td&gt;tüm programın başladığından beri tuttuğu en çok bellek (RSS) — şimdiye kadarki her model ve çalıştırma, yalnızca bu üretim değil&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:gray&apos;&gt;… %n earlier prompt token(s), in the token strip …&lt;/span&gt; </source>
        <translation>
            <numerusform>&lt;span style=&apos;color:gray&apos;&gt;… önceki %n istem tokenı token şeridinde …&lt;/span&gt; </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::DecodingTransport</name>
    <message>
        <source>Step token</source>
        <translation>Tek token</translation>
    </message>
    <message>
        <source>Take the token the table chose and compute the next distribution (F11)</source>
        <translation>Tablonun seçtiği tokenı al ve sonraki dağılımı hesapla (F11)</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Üret</translation>
    </message>
    <message>
        <source>Generate until a stop condition: EOS, a stop sequence, max new tokens or a full context</source>
        <translation>Bir durma koşuluna kadar üret: EOS, bir durdurma dizisi, en çok yeni token sayısı ya da dolu bağlam</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Stop the running generation</source>
        <translation>Süren üretimi durdur</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>Geri adım</translation>
    </message>
    <message>
        <source>Forget the last generated token (stepping forward again gives the same token)</source>
        <translation>Son üretilen tokenı unut (yeniden ileri adım atınca aynı token gelir)</translation>
    </message>
    <message>
        <source>Draw again</source>
        <translation>Yeniden çek</translation>
    </message>
    <message>
        <source>A new random number: sample again from the same distribution</source>
        <translation>Yeni bir rastgele sayı: aynı dağılımdan yeniden örnekle</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Başa dön</translation>
    </message>
    <message>
        <source>Back to just after the prefill</source>
        <translation>Prefill&apos;in hemen sonrasına dön</translation>
    </message>
    <message>
        <source>%v / %m tokens</source>
        <translation>%v / %m token</translation>
    </message>
    <message>
        <source>%1 of at most %2 new tokens</source>
        <translation>%1 / en çok %2 yeni token</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Durdu: %1</translation>
    </message>
</context>
<context>
    <name>ui::DecodingWorkbench</name>
    <message>
        <source>&amp;Sampling lab</source>
        <translation>Örn&amp;ekleme laboratuvarı</translation>
    </message>
    <message>
        <source>&amp;Generation</source>
        <translation>Ü&amp;retim</translation>
    </message>
    <message>
        <source>&amp;Beam search</source>
        <translation>Işı&amp;n araması</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Karşılaştır</translation>
    </message>
    <message>
        <source>&amp;Metrics</source>
        <translation>Ölçü&amp;mler</translation>
    </message>
    <message>
        <source>Step token</source>
        <translation>Tek token</translation>
    </message>
    <message>
        <source>Generate one token (sampling lab / generation)</source>
        <translation>Bir token üret (örnekleme laboratuvarı / üretim)</translation>
    </message>
    <message>
        <source>Step back a token</source>
        <translation>Bir token geri</translation>
    </message>
    <message>
        <source>Generate to a stop</source>
        <translation>Durana kadar üret</translation>
    </message>
    <message>
        <source>Take back the last generated token (sampling lab / generation)</source>
        <translation>Son üretilen tokenı geri al (örnekleme laboratuvarı / üretim)</translation>
    </message>
    <message>
        <source>Generate until a stop: the token limit, a stop sequence or EOS</source>
        <translation>Bir durma koşuluna kadar üret: token sınırı, bir durdurma dizisi ya da EOS</translation>
    </message>
</context>
<context>
    <name>ui::DecodingWorker</name>
    <message>
        <source>running</source>
        <translation>sürüyor</translation>
    </message>
    <message>
        <source>end-of-sequence token %1 (id %2)</source>
        <translation>dizi sonu tokenı %1 (id %2)</translation>
    </message>
    <message>
        <source>stop sequence &quot;%1&quot; matched</source>
        <translation>&quot;%1&quot; durdurma dizisi eşleşti</translation>
    </message>
    <message>
        <source>max new tokens (%1) reached</source>
        <translation>en çok yeni token sayısına (%1) ulaşıldı</translation>
    </message>
    <message>
        <source>context full (%1 positions)</source>
        <translation>bağlam dolu (%1 konum)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>iptal edildi</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>greedy</translation>
    </message>
    <message>
        <source>beam search (%1 beams)</source>
        <translation>ışın araması (%1 ışın)</translation>
    </message>
    <message>
        <source>sample, seed %1</source>
        <translation>örnek, tohum %1</translation>
    </message>
</context>
<context>
    <name>ui::ExplanationPanel</name>
    <message>
        <source>&amp;Language:</source>
        <translation>Di&amp;l:</translation>
    </message>
    <message>
        <source>(No explanation for “%1” yet.)</source>
        <translation>(“%1” için henüz açıklama yok.)</translation>
    </message>
    <message>
        <source>**No model loaded.** Open one with File ▸ Open model… (Ctrl+O), File ▸ Sample models, or drop a model folder on the window.</source>
        <translation>**Yüklü model yok.** Dosya ▸ Model aç… (Ctrl+O) ya da Dosya ▸ Örnek modeller ile bir model açın veya bir model klasörünü pencereye bırakın.</translation>
    </message>
    <message>
        <source>**No prompt has run yet.** Type a prompt above and press Ctrl+Return (a model without tokenizer.json takes token ids separated by spaces).</source>
        <translation>**Henüz hiçbir istem çalışmadı.** Yukarıya bir istem yazın ve Ctrl+Return&apos;e basın (tokenizer.json&apos;u olmayan bir model boşlukla ayrılmış token kimlikleri alır).</translation>
    </message>
</context>
<context>
    <name>ui::ExportMenu</name>
    <message>
        <source>&amp;Export view</source>
        <translation>&amp;Görünümü dışa aktar</translation>
    </message>
    <message>
        <source>PNG image at %1×…</source>
        <translation>PNG görüntü, %1× ölçek…</translation>
    </message>
    <message>
        <source>SVG (vector) image…</source>
        <translation>SVG (vektör) görüntü…</translation>
    </message>
    <message>
        <source>Table as CSV…</source>
        <translation>Tablo, CSV olarak…</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>Görüntüyü &amp;kopyala</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG görüntü (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG görüntü (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV tablo (*.csv)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 dışa aktar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Dışa aktar</translation>
    </message>
    <message>
        <source>Whole state as JSON…</source>
        <translation>Tüm durum, JSON olarak…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>ui::GqaMap</name>
    <message>
        <source>Open a model to see which query heads share which K/V head.</source>
        <translation>Hangi sorgu başlarının hangi K/V başını paylaştığını görmek için bir model açın.</translation>
    </message>
    <message>
        <source>%1 query heads, %1 K/V heads: every query head has its own keys and values (multi-head attention)</source>
        <translation>%1 sorgu başı, %1 K/V başı: her sorgu başının kendi anahtarları ve değerleri var (çok başlı dikkat)</translation>
    </message>
    <message>
        <source>%1 query heads all read one K/V head (multi-query attention)</source>
        <translation>%1 sorgu başının hepsi tek bir K/V başını okuyor (çok sorgulu dikkat)</translation>
    </message>
    <message>
        <source>%1 query heads share %2 K/V heads: %3 query heads per K/V head (grouped-query attention)</source>
        <translation>%1 sorgu başı %2 K/V başını paylaşıyor: K/V başı başına %3 sorgu başı (gruplanmış sorgu dikkati)</translation>
    </message>
    <message>
        <source>KV cache for %1 positions (2 × %2 layers × %3 K/V heads × %4 dims × %5 bytes): %6; with full multi-head attention: %7; saved %8 (%9%)</source>
        <translation>%1 konum için KV cache (2 × %2 katman × %3 K/V başı × %4 boyut × %5 bayt): %6; tam çok başlı dikkatle: %7; kazanç %8 (%%9)</translation>
    </message>
    <message>
        <source>query heads (each computes its own q)</source>
        <translation>sorgu başları (her biri kendi q’sunu hesaplar)</translation>
    </message>
    <message>
        <source>K/V heads (what the KV cache stores)</source>
        <translation>K/V başları (KV cache’in sakladığı)</translation>
    </message>
    <message>
        <source>full multi-head</source>
        <translation>tam çok başlı</translation>
    </message>
    <message>
        <source>this model</source>
        <translation>bu model</translation>
    </message>
</context>
<context>
    <name>ui::HeadGrid</name>
    <message>
        <source>L%1</source>
        <translation>K%1</translation>
    </message>
    <message>
        <source>H%1</source>
        <translation>B%1</translation>
    </message>
</context>
<context>
    <name>ui::HeadScoreModel</name>
    <message>
        <source>Mean attention of every position after the first to the first token</source>
        <translation>İlkinden sonraki her konumun ilk tokena ortalama dikkati</translation>
    </message>
    <message>
        <source>Mean attention of every position to the token just before it</source>
        <translation>Her konumun hemen önündeki tokena ortalama dikkati</translation>
    </message>
    <message>
        <source>On a random token sequence repeated twice: attention to the token after the previous occurrence of the current one (near 1 for an induction head)</source>
        <translation>İki kez tekrarlanan rastgele bir token dizisinde: geçerli tokenın önceki geçişinden sonraki tokena dikkat (bir tümevarım başı için 1&apos;e yakın)</translation>
    </message>
    <message>
        <source>Attention of the last position to the chosen token</source>
        <translation>Son konumun seçilen tokena dikkati</translation>
    </message>
    <message>
        <source>P(target) with this head zeroed minus P(target) in the normal run (negative: the head helps)</source>
        <translation>Bu baş sıfırlanınca P(hedef) eksi normal çalıştırmadaki P(hedef) (negatif: baş yardım ediyor)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Katman</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Baş</translation>
    </message>
    <message>
        <source>Sink</source>
        <translation>Havuz</translation>
    </message>
    <message>
        <source>Previous
token</source>
        <translation>Önceki
token</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>Tümevarım</translation>
    </message>
    <message>
        <source>Attention to</source>
        <translation>Dikkat:</translation>
    </message>
    <message>
        <source>Attention to
%1</source>
        <translation>%1
tokenına dikkat</translation>
    </message>
    <message>
        <source>Ablation ΔP</source>
        <translation>Sıfırlama ΔP</translation>
    </message>
    <message>
        <source>Ablation
ΔP(%1)</source>
        <translation>Sıfırlama
ΔP(%1)</translation>
    </message>
</context>
<context>
    <name>ui::HeadTablePanel</name>
    <message>
        <source>the most likely next token, or e.g. ␣Paris</source>
        <translation>en olası sıradaki token ya da örn. ␣Paris</translation>
    </message>
    <message>
        <source>Measure every head: one forward pass with each head zeroed, and one over a repeated random sequence for the induction score</source>
        <translation>Her başı ölç: her baş sıfırlanarak birer ileri geçiş, tümevarım puanı için de tekrarlanan rastgele bir dizi üzerinde bir geçiş</translation>
    </message>
    <message>
        <source>(no token)</source>
        <translation>(token yok)</translation>
    </message>
    <message>
        <source>Open a model and type a prompt first.</source>
        <translation>Önce bir model açın ve bir istem yazın.</translation>
    </message>
    <message>
        <source>Scoring every head (one forward pass per head) …</source>
        <translation>Her baş puanlanıyor (baş başına bir ileri geçiş) …</translation>
    </message>
    <message>
        <source>Cancelled: the scores are incomplete.</source>
        <translation>İptal edildi: puanlar eksik.</translation>
    </message>
    <message>
        <source>P(%1) = %2 in the normal run. Click a column header to sort; ΔP &lt; 0: the head helps the answer.</source>
        <translation>Normal çalıştırmada P(%1) = %2. Sıralamak için bir sütun başlığına tıklayın; ΔP &lt; 0: baş yanıta yardım ediyor.</translation>
    </message>
    <message>
        <source>Ablation targ&amp;et:</source>
        <translation>Sıfırlama &amp;hedefi:</translation>
    </message>
    <message>
        <source>Attention t&amp;o:</source>
        <translation>Dikkat &amp;edilen:</translation>
    </message>
    <message>
        <source>Measure ever&amp;y head</source>
        <translation>Her başı &amp;ölç</translation>
    </message>
    <message>
        <source>Press Measure every head to score every head on the prompt.</source>
        <translation>İstem üzerinde her başı puanlamak için Her başı ölç düğmesine basın.</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>Renk:</translation>
    </message>
    <message>
        <source>The prompt changed: press Measure every head to score it.</source>
        <translation>İstem değişti: puanlamak için Her başı ölç düğmesine basın.</translation>
    </message>
</context>
<context>
    <name>ui::InterfaceLanguage</name>
    <message>
        <source>Interface &amp;language</source>
        <translation>&amp;Arayüz dili</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Arayüz dili</translation>
    </message>
    <message>
        <source>Inference Explorer will show its interface in %1 the next time it starts.

The explanations have their own language box in the Explanation panel.</source>
        <translation>Arayüz dili, Inference Explorer bir sonraki açılışında %1 olacak.

Açıklamaların dili, Açıklama panelindeki kendi kutusundan seçilir.</translation>
    </message>
</context>
<context>
    <name>ui::InterpWorkbench</name>
    <message>
        <source>Logit &amp;lens</source>
        <translation>Logit mer&amp;ceği</translation>
    </message>
    <message>
        <source>Logit attrib&amp;ution</source>
        <translation>Logit katkı&amp;ları</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Stop the running analysis (Esc)</source>
        <translation>Çalışan çözümlemeyi durdur (Esc)</translation>
    </message>
    <message>
        <source>Hea&amp;d table</source>
        <translation>&amp;Baş tablosu</translation>
    </message>
</context>
<context>
    <name>ui::InterventionController</name>
    <message>
        <source>The interventions were removed: %1</source>
        <translation>Müdahaleler kaldırıldı: %1</translation>
    </message>
    <message>
        <source>Open a model first: an intervention names its layers and heads.</source>
        <translation>Önce bir model açın: bir müdahale onun katmanlarını ve başlarını adlandırır.</translation>
    </message>
    <message>
        <source>Open a model and type a prompt first: the comparison runs on the stepper&apos;s tokens.</source>
        <translation>Önce bir model açıp bir istem yazın: karşılaştırma adım adım yürütücünün tokenları üzerinde çalışır.</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>Önce bir model açın.</translation>
    </message>
</context>
<context>
    <name>ui::InterventionListEditor</name>
    <message>
        <source>&lt;b&gt;Interventions&lt;/b&gt; (every run of the window uses them)</source>
        <translation>&lt;b&gt;Müdahaleler&lt;/b&gt; (pencerenin her çalıştırması bunları kullanır)</translation>
    </message>
    <message>
        <source>blk.L.head.H (zero a head), blk.L.head.H:mean (its mean over the positions), blk.L.attn, blk.L.mlp (remove the sub-layer), blk.L.head.H:Q-&gt;K (query Q cannot see key K). Or right-click the diagram or the attention grid.</source>
        <translation>blk.L.head.H (bir başı sıfırla), blk.L.head.H:mean (konumlar üzerindeki ortalaması), blk.L.attn, blk.L.mlp (alt katmanı çıkar), blk.L.head.H:Q-&gt;K (Q sorgusu K anahtarını göremez). Ya da diyagrama veya dikkat ızgarasına sağ tıklayın.</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>Ek&amp;le</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Sil</translation>
    </message>
    <message>
        <source>Clear a&amp;ll</source>
        <translation>T&amp;ümünü temizle</translation>
    </message>
    <message>
        <source>layer %1 · head %2 zeroed</source>
        <translation>katman %1 · baş %2 sıfırlandı</translation>
    </message>
    <message>
        <source>layer %1 · head %2 replaced by its mean</source>
        <translation>katman %1 · baş %2 ortalamasıyla değiştirildi</translation>
    </message>
    <message>
        <source>layer %1 · attention removed</source>
        <translation>katman %1 · dikkat çıkarıldı</translation>
    </message>
    <message>
        <source>layer %1 · MLP removed</source>
        <translation>katman %1 · MLP çıkarıldı</translation>
    </message>
    <message>
        <source>layer %1 · head %2: position %3 cannot see %4</source>
        <translation>katman %1 · baş %2: %3. konum %4. konumu göremez</translation>
    </message>
</context>
<context>
    <name>ui::InterventionWorkbench</name>
    <message>
        <source>Be&amp;fore / after</source>
        <translation>Önce / sonr&amp;a</translation>
    </message>
    <message>
        <source>Activation patc&amp;hing</source>
        <translation>Etkinlik &amp;yamalama</translation>
    </message>
    <message>
        <source>✂ Interventions: %1</source>
        <translation>✂ Müdahaleler: %1</translation>
    </message>
    <message>
        <source>Every run of this window uses these interventions (Interventions tab)</source>
        <translation>Bu pencerenin her çalıştırması bu müdahaleleri kullanır (Müdahaleler sekmesi)</translation>
    </message>
    <message>
        <source>Zero layer %1 · head %2</source>
        <translation>Katman %1 · baş %2: sıfırla</translation>
    </message>
    <message>
        <source>Mean-ablate layer %1 · head %2</source>
        <translation>Katman %1 · baş %2: ortalamayla değiştir</translation>
    </message>
    <message>
        <source>Knock out: position %1 cannot see %2 (this head)</source>
        <translation>Kenarı kes: %1. konum %2. konumu göremesin (bu baş)</translation>
    </message>
    <message>
        <source>Remove the attention of layer %1</source>
        <translation>Katman %1: dikkati çıkar</translation>
    </message>
    <message>
        <source>Remove the MLP of layer %1</source>
        <translation>Katman %1: MLP&apos;yi çıkar</translation>
    </message>
</context>
<context>
    <name>ui::KvCacheView</name>
    <message>
        <source>The KV cache appears after the prefill.</source>
        <translation>KV cache prefill&apos;den sonra görünür.</translation>
    </message>
    <message>
        <source> KV cache: %1 of %2 positions stored</source>
        <translation> KV cache: %2 konumun %1 tanesi saklanıyor</translation>
    </message>
    <message>
        <source>prefill</source>
        <translation>prefill</translation>
    </message>
    <message>
        <source>decode</source>
        <translation>decode</translation>
    </message>
    <message>
        <source>%1 used of %2 reserved · per token %3 = 2 (K,V) × %4 layers × %5 floats × 4 B · showing %6 of %5 columns</source>
        <translation>%1 kullanılıyor / %2 ayrılmış · token başına %3 = 2 (K,V) × %4 katman × %5 float × 4 B · %5 sütunun %6 tanesi gösteriliyor</translation>
    </message>
</context>
<context>
    <name>ui::LensGrid</name>
    <message>
        <source>embedding</source>
        <translation>gömme</translation>
    </message>
    <message>
        <source>%1 attention</source>
        <translation>%1 dikkat</translation>
    </message>
    <message>
        <source>%1 block</source>
        <translation>%1 blok</translation>
    </message>
    <message>
        <source>#%1
%2</source>
        <translation>#%1
%2</translation>
    </message>
</context>
<context>
    <name>ui::LessonPanel</name>
    <message>
        <source>Predict, then reveal</source>
        <translation>Önce tahmin et, sonra gör</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Geri</translation>
    </message>
    <message>
        <source>The previous step (Alt+←)</source>
        <translation>Önceki adım (Alt+←)</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>İleri ▶</translation>
    </message>
    <message>
        <source>The next step (Alt+→)</source>
        <translation>Sonraki adım (Alt+→)</translation>
    </message>
    <message>
        <source>This lesson cannot be used: %1</source>
        <translation>Bu ders kullanılamıyor: %1</translation>
    </message>
    <message>
        <source>Your guess: &lt;b&gt;%1&lt;/b&gt; — the window shows the answer…</source>
        <translation>Tahmininiz: &lt;b&gt;%1&lt;/b&gt; — pencere yanıtı gösteriyor…</translation>
    </message>
    <message>
        <source>The model&apos;s most likely next token: &lt;b&gt;“%1”&lt;/b&gt; (%2 %).</source>
        <translation>Modelin en olası sıradaki tokenı: &lt;b&gt;“%1”&lt;/b&gt; (%%2).</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;✓ Right.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#2e7d32&apos;&gt;✓ Doğru.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;✗ Not this time.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;✗ Bu sefer olmadı.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The answer: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Yanıt: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>No lesson open</source>
        <translation>Açık ders yok</translation>
    </message>
    <message>
        <source>Help ▸ Lessons opens one.</source>
        <translation>Yardım ▸ Dersler bir ders açar.</translation>
    </message>
    <message>
        <source>Step %1 / %2 · %3</source>
        <translation>Adım %1 / %2 · %3</translation>
    </message>
    <message>
        <source>Pick your guess first; then the window shows what the model does.</source>
        <translation>Önce tahmininizi seçin; sonra pencere modelin ne yaptığını gösterir.</translation>
    </message>
</context>
<context>
    <name>ui::LocalModelsDialog</name>
    <message>
        <source>Models on this computer</source>
        <translation>Bu bilgisayardaki modeller</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Aç</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Klasör &amp;ekle…</translation>
    </message>
    <message>
        <source>&amp;Scan again</source>
        <translation>Yeniden &amp;tara</translation>
    </message>
    <message>
        <source>Looking in the Hugging Face cache, Ollama, LM Studio, llama.cpp&apos;s cache and your folders…</source>
        <translation>Hugging Face önbelleğine, Ollama&apos;ya, LM Studio&apos;ya, llama.cpp önbelleğine ve klasörlerinize bakılıyor…</translation>
    </message>
    <message>
        <source>No models found. Add a folder that holds some.</source>
        <translation>Model bulunamadı. Model içeren bir klasör ekleyin.</translation>
    </message>
    <message>
        <source>%1 models found, %2 of them can be opened here.</source>
        <translation>%1 model bulundu, %2 tanesi burada açılabilir.</translation>
    </message>
    <message>
        <source>%1 cannot be opened here: %2</source>
        <translation>%1 burada açılamıyor: %2</translation>
    </message>
    <message>
        <source>A folder that holds models</source>
        <translation>Model içeren bir klasör</translation>
    </message>
</context>
<context>
    <name>ui::LocalModelsModel</name>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>hayır: %1</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>Bulunduğu yer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Mimari</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametreler</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Ağırlıklar</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>Diskte</translation>
    </message>
    <message>
        <source>Opens here</source>
        <translation>Burada açılır</translation>
    </message>
</context>
<context>
    <name>ui::LogitLensPanel</name>
    <message>
        <source>optional, e.g. ␣Paris or #123</source>
        <translation>isteğe bağlı, örn. ␣Paris ya da #123</translation>
    </message>
    <message>
        <source>One token whose rank and probability each cell also reports; a leading space is part of the token (type it, or ␣)</source>
        <translation>Her hücrenin sırasını ve olasılığını da bildirdiği tek token; baştaki boşluk tokenın parçasıdır (yazın ya da ␣ kullanın)</translation>
    </message>
    <message>
        <source>Colour: probability of the top token</source>
        <translation>Renk: en olası tokenın olasılığı</translation>
    </message>
    <message>
        <source>Colour: rank of the target token</source>
        <translation>Renk: hedef tokenın sırası</translation>
    </message>
    <message>
        <source>One forward pass of the prompt, read out after every block and attention sub-layer</source>
        <translation>İstemin tek ileri geçişi, her bloktan ve dikkat alt katmanından sonra okunur</translation>
    </message>
    <message>
        <source>Click a cell for its top 10.</source>
        <translation>En olası 10 token için bir hücreye tıklayın.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Olasılık</translation>
    </message>
    <message>
        <source>Top 10 at %1, position %2 …</source>
        <translation>%1, %2. konumda en olası 10 …</translation>
    </message>
    <message>
        <source>The lens of the prompt runs when this tab is shown.</source>
        <translation>İstemin merceği bu sekme gösterildiğinde çalışır.</translation>
    </message>
    <message>
        <source>Open a model and type a prompt first.</source>
        <translation>Önce bir model açın ve bir istem yazın.</translation>
    </message>
    <message>
        <source>Reading the residual stream after every block …</source>
        <translation>Artık akış her bloktan sonra okunuyor …</translation>
    </message>
    <message>
        <source>Each cell: the token the model would predict if the residual stream ended there (final norm and LM head applied), with its probability. Last row = the model&apos;s own output.</source>
        <translation>Her hücre: artık akış orada bitseydi modelin tahmin edeceği token (son norm ve LM başı uygulanmış) ve olasılığı. Son satır = modelin kendi çıktısı.</translation>
    </message>
    <message>
        <source>Target %1: rank %2, p %3 at the last position.</source>
        <translation>Hedef %1: son konumda sıra %2, p %3.</translation>
    </message>
    <message>
        <source>Top 10 at %1, after token %2 (position %3)</source>
        <translation>%1, %2 tokenından sonra (%3. konum) en olası 10</translation>
    </message>
    <message>
        <source>Target t&amp;oken:</source>
        <translation>&amp;Hedef token:</translation>
    </message>
    <message>
        <source>Run le&amp;ns</source>
        <translation>Merceği &amp;çalıştır</translation>
    </message>
    <message>
        <source>&amp;Follow the stepper</source>
        <translation>&amp;Adım adım yürütücüyü izle</translation>
    </message>
    <message>
        <source>While you step through the prefill (F10, F8), show only the rows the stepper has passed: the lens fills in block by block</source>
        <translation>Ön doldurmada adım adım ilerlerken (F10, F8) yalnızca yürütücünün geçtiği satırları göster: mercek blok blok dolar</translation>
    </message>
</context>
<context>
    <name>ui::MainWindow</name>
    <message>
        <source>Inference Explorer</source>
        <translation>Inference Explorer</translation>
    </message>
    <message>
        <source>No model loaded — File ▸ Open model… (Ctrl+O) or drop a model folder here.</source>
        <translation>Model yüklenmedi — Dosya ▸ Model aç… (Ctrl+O) ya da bir model klasörünü buraya bırakın.</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>Model &amp;aç…</translation>
    </message>
    <message>
        <source>Open a model folder (config.json, model.safetensors, tokenizer.json)</source>
        <translation>Bir model klasörü aç (config.json, model.safetensors, tokenizer.json)</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>Başa &amp;dön</translation>
    </message>
    <message>
        <source>Back to before the first op</source>
        <translation>İlk işlemden öncesine dön</translation>
    </message>
    <message>
        <source>Step &amp;back</source>
        <translation>&amp;Geri adım</translation>
    </message>
    <message>
        <source>Undo one op (nothing is recomputed)</source>
        <translation>Bir işlemi geri al (hiçbir şey yeniden hesaplanmaz)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>&amp;Adım at</translation>
    </message>
    <message>
        <source>Run one op</source>
        <translation>Bir işlem çalıştır</translation>
    </message>
    <message>
        <source>Step over &amp;layer</source>
        <translation>&amp;Katmanı tamamla</translation>
    </message>
    <message>
        <source>Run to the end of the current layer</source>
        <translation>Geçerli katmanın sonuna kadar çalıştır</translation>
    </message>
    <message>
        <source>Run to end of &amp;pass</source>
        <translation>Geçişi ta&amp;mamla</translation>
    </message>
    <message>
        <source>Run every remaining op of this pass (the prefill of the prompt, or a decode pass)</source>
        <translation>Bu geçişin kalan tüm işlemlerini çalıştır (promptun prefill&apos;i ya da bir decode geçişi)</translation>
    </message>
    <message>
        <source>Next &amp;token</source>
        <translation>&amp;Sonraki token</translation>
    </message>
    <message>
        <source>Append the next token and step through its decode pass: one new query row attends over the cached keys</source>
        <translation>Sonraki tokenı ekle ve decode geçişinde adım adım ilerle: tek bir yeni sorgu satırı KV cache&apos;teki tüm anahtarlara dikkat eder</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Oynat</translation>
    </message>
    <message>
        <source>Play / pause: one op at a time at the chosen speed</source>
        <translation>Oynat / duraklat: seçilen hızda her seferinde bir işlem</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>İ&amp;ptal</translation>
    </message>
    <message>
        <source>Stop the running job</source>
        <translation>Süren işi durdur</translation>
    </message>
    <message>
        <source>&amp;Tokenize prompt</source>
        <translation>Promptu &amp;tokenlara böl</translation>
    </message>
    <message>
        <source>Tokenize the prompt and prepare the prefill</source>
        <translation>Promptu tokenlara böl ve prefill&apos;i hazırla</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Koyu tema</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Oynatma denetimleri</translation>
    </message>
    <message>
        <source>  Speed </source>
        <translation>  Hız </translation>
    </message>
    <message>
        <source>Ops per second while playing</source>
        <translation>Oynatırken saniyedeki işlem sayısı</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;İstem:</translation>
    </message>
    <message>
        <source>Type a prompt; its tokens appear below.</source>
        <translation>Bir prompt yazın; tokenları aşağıda görünür.</translation>
    </message>
    <message>
        <source>Tokenize ▸</source>
        <translation>Tokenlara böl ▸</translation>
    </message>
    <message>
        <source>&amp;Tensor</source>
        <translation>&amp;Tensör</translation>
    </message>
    <message>
        <source>&amp;Attention</source>
        <translation>D&amp;ikkat</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Açıklama</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Model kartı</translation>
    </message>
    <message>
        <source>Ops</source>
        <translation>İşlemler</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>&amp;Sample models</source>
        <translation>Örnek &amp;modeller</translation>
    </message>
    <message>
        <source>&amp;Recent models</source>
        <translation>&amp;Son modeller</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;k</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Ç&amp;alıştır</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Klavye kısayolları</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>&amp;About Inference Explorer</source>
        <translation>Inference Explorer &amp;hakkında</translation>
    </message>
    <message>
        <source>About Inference Explorer</source>
        <translation>Inference Explorer hakkında</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inference Explorer&lt;/b&gt;&lt;br&gt;Runs a real transformer language model one operation at a time and shows every step with the real numbers.</source>
        <translation>&lt;b&gt;Inference Explorer&lt;/b&gt;&lt;br&gt;Gerçek bir transformer dil modelini her seferinde tek bir işlem olarak çalıştırır ve her adımı gerçek sayılarla gösterir.</translation>
    </message>
    <message>
        <source>(none found)</source>
        <translation>(bulunamadı)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(henüz yok)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 yükleniyor…</translation>
    </message>
    <message>
        <source>%v / %m ops</source>
        <translation>%v / %m işlem</translation>
    </message>
    <message>
        <source>Open a model: choose its folder or a file in it (config.json, model.safetensors)</source>
        <translation>Model aç: klasörünü ya da içindeki bir dosyayı seçin (config.json, model.safetensors)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>%1 — Inference Explorer</source>
        <translation>%1 — Inference Explorer</translation>
    </message>
    <message>
        <source>Loaded %1: %2 layers, %3 heads, %4 parameters.</source>
        <translation>%1 yüklendi: %2 katman, %3 baş, %4 parametre.</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 prompt + %2 appended token(s) (green border, F9): the Sampling lab and the Generation tab now continue from all of them — Ctrl+Return goes back to the prompt alone</source>
        <translation>%1 istem + %2 eklenmiş token (yeşil çerçeveli, F9): Örnekleme laboratuvarı ve Üretim sekmesi artık hepsinden devam eder — Ctrl+Return yalnızca isteme geri döner</translation>
    </message>
    <message numerus="yes">
        <source> — %n under the vermilion bar: inside the repetition-penalty window</source>
        <translation>
            <numerusform> — turuncu-kırmızı çubuklu %n token: tekrar cezası penceresinin içinde</numerusform>
        </translation>
    </message>
    <message>
        <source> — hover a token for its id and bytes, click it to follow it in every view</source>
        <translation> — id&apos;si ve baytları için bir tokenın üzerine gelin, her görünümde izlemek için tıklayın</translation>
    </message>
    <message>
        <source>op %1 / %2</source>
        <translation>işlem %1 / %2</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>D&amp;uraklat</translation>
    </message>
    <message>
        <source>Append the next token (%1) and step through its decode pass</source>
        <translation>Sonraki tokenı (%1) ekle ve decode geçişinde adım adım ilerle</translation>
    </message>
    <message>
        <source>generated token %1 “%2”</source>
        <translation>üretilen %1. token “%2”</translation>
    </message>
    <message>
        <source>the sampling lab&apos;s choice “%1”</source>
        <translation>örnekleme laboratuvarının seçimi “%1”</translation>
    </message>
    <message>
        <source>the most likely token</source>
        <translation>en olası token</translation>
    </message>
    <message>
        <source>Decode pass of generated token %1 “%2”: F10 steps through it, F5 runs it.</source>
        <translation>Üretilen %1. tokenın (“%2”) decode geçişi: F10 adım adım ilerler, F5 tamamını çalıştırır.</translation>
    </message>
    <message>
        <source>Decode pass: appending %1.</source>
        <translation>Decode geçişi: %1 ekleniyor.</translation>
    </message>
    <message>
        <source>Model files (config.json *.safetensors tokenizer.json *.gguf *.bin)</source>
        <translation>Model dosyaları (config.json *.safetensors tokenizer.json *.gguf *.bin)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Ders</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Dersler</translation>
    </message>
    <message>
        <source>&amp;Explanations</source>
        <translation>&amp;Açıklamalar</translation>
    </message>
    <message>
        <source> (cannot be read)</source>
        <translation> (okunamıyor)</translation>
    </message>
    <message>
        <source>Open a lesson &amp;file…</source>
        <translation>Bir ders &amp;dosyası aç…</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>Ders aç</translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation>Dersler (*.json)</translation>
    </message>
    <message>
        <source>Open the lessons &amp;folder</source>
        <translation>Dersler &amp;klasörünü aç</translation>
    </message>
    <message>
        <source>Models on this &amp;computer…</source>
        <translation>Bu &amp;bilgisayardaki modeller…</translation>
    </message>
    <message>
        <source>&amp;Interpretability</source>
        <translation>Y&amp;orumlanabilirlik</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / Ctrl+2 / Ctrl+3&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Tensor / attention view / interpretability (lens, attribution, heads)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl++ / Ctrl+− / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Larger / smaller / normal text&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Copy the view in front as an image&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;← → Home End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Move along the tokens (token strip focused)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Jump to the op (Ops list)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+← / Alt+→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Previous / next lesson step (Lesson panel)&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / Ctrl+2 / Ctrl+3&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Tensör / dikkat görünümü / yorumlanabilirlik (mercek, katkılar, başlar)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl++ / Ctrl+− / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Daha büyük / daha küçük / normal yazı&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Öndeki görünümü görüntü olarak kopyala&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;← → Home End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Tokenlar boyunca ilerle (token şeridi odaktayken)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;İşleme atla (İşlemler listesi)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+← / Alt+→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Önceki / sonraki ders adımı (Ders paneli)&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>Interventions: &amp;before / after</source>
        <translation>Müdahaleler: önce / so&amp;nra</translation>
    </message>
    <message>
        <source>Activation &amp;patching</source>
        <translation>Etkinlik yama&amp;lama</translation>
    </message>
    <message>
        <source>&amp;Interventions</source>
        <translation>Mü&amp;dahaleler</translation>
    </message>
    <message>
        <source>&amp;RoPE</source>
        <translation>&amp;RoPE</translation>
    </message>
    <message>
        <source>&amp;GQA</source>
        <translation>&amp;GQA</translation>
    </message>
    <message>
        <source>&amp;Grouped-query map</source>
        <translation>&amp;Gruplanmış sorgu haritası</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+4 / Ctrl+5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;RoPE view / grouped-query map&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+8 / Ctrl+9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Interventions before / after / activation patching&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+4 / Ctrl+5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;RoPE görünümü / gruplanmış sorgu haritası&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+8 / Ctrl+9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;&amp;nbsp;&amp;nbsp;Müdahaleler önce / sonra / etkinlik yamalama&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>%1. Keep the end of the prompt that fits (the last %2 tokens)?</source>
        <translation>%1. İstemin sığan sonu (son %2 token) tutulsun mu?</translation>
    </message>
    <message>
        <source>Prompt longer than the context</source>
        <translation>İstem bağlamdan uzun</translation>
    </message>
    <message>
        <source>Keep the end</source>
        <translation>Sonunu tut</translation>
    </message>
    <message>
        <source>Kept the end of a %1-token prompt.</source>
        <translation>%1 tokenlik istemin sonu tutuldu.</translation>
    </message>
</context>
<context>
    <name>ui::MetricsView</name>
    <message>
        <source>Measure to the context limit</source>
        <translation>Bağlam sınırına kadar ölç</translation>
    </message>
    <message>
        <source>Generate greedily from the prompt until the context is full (EOS ignored), timing every token</source>
        <translation>Bağlam dolana kadar prompttan greedy üret (EOS yok sayılır), her tokenın süresini ölç</translation>
    </message>
    <message>
        <source>Time and memory against context length, for the loaded model.</source>
        <translation>Yüklü model için bağlam uzunluğuna göre süre ve bellek.</translation>
    </message>
    <message>
        <source>time per generated token</source>
        <translation>üretilen token başına süre</translation>
    </message>
    <message>
        <source>KV cache (linear)</source>
        <translation>KV cache (doğrusal)</translation>
    </message>
    <message>
        <source>attention matrices (ctx²)</source>
        <translation>dikkat matrisleri (ctx²)</translation>
    </message>
    <message>
        <source>Time per token</source>
        <translation>Token başına süre</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Bellek</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>FlashAttention (tiles + row max/sum)</source>
        <translation>FlashAttention (karolar + satır maks./toplam)</translation>
    </message>
    <message>
        <source>%1 tokens generated up to the context limit of %2 · at the limit: KV cache %3, attention matrices %4, FlashAttention %5</source>
        <translation>%2 bağlam sınırına kadar %1 token üretildi · sınırda: KV cache %3, dikkat matrisleri %4, FlashAttention %5</translation>
    </message>
    <message>
        <source>Generating to the context limit</source>
        <translation>Bağlam sınırına kadar üretiliyor</translation>
    </message>
    <message>
        <source>Measure batch throughput</source>
        <translation>Batch iş hacmini ölç</translation>
    </message>
    <message>
        <source>Decode 1, 2, 4, 8, 16 and 32 sequences as one batch (each with its own KV cache, from the prompt&apos;s last tokens), timing every step</source>
        <translation>1, 2, 4, 8, 16 ve 32 diziyi tek batch olarak decode et (her biri kendi KV cache&apos;iyle, promptun son tokenlarından), her adımın süresini ölç</translation>
    </message>
    <message>
        <source>Throughput against batch size, for the loaded model.</source>
        <translation>Yüklü model için batch boyutuna göre iş hacmi.</translation>
    </message>
    <message>
        <source>measured time per step</source>
        <translation>ölçülen adım süresi</translation>
    </message>
    <message>
        <source>bandwidth limit</source>
        <translation>bant genişliği sınırı</translation>
    </message>
    <message>
        <source>Time per decode step</source>
        <translation>Decode adımı başına süre</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>token/sn</translation>
    </message>
    <message>
        <source>Decoding batches of 1 to 32 sequences</source>
        <translation>1 ile 32 dizilik batch&apos;ler decode ediliyor</translation>
    </message>
    <message>
        <source>%1 sequences: %2 ms per step, %3 tokens/s in all (%4× one sequence, which takes %5 ms per step) · bandwidth %6 GB/s measured · each sequence caches %7 prompt tokens + %8 steps</source>
        <translation>%1 dizi: adım başına %2 ms, toplam %3 token/sn (tek dizinin %4 katı; tek dizi adım başına %5 ms sürer) · ölçülen bant genişliği %6 GB/sn · her dizi %7 prompt tokenı + %8 adımı önbellekte tutar</translation>
    </message>
    <message>
        <source>Against context length</source>
        <translation>Bağlam uzunluğuna göre</translation>
    </message>
    <message>
        <source>Why a batch is nearly free: decoding is memory-bound. Every step streams all the weights from memory once, whether it computes one sequence or many, so N sequences (each with its own KV cache) share that one pass: the time per step barely grows while the tokens per second grow almost N-fold, until the arithmetic or the N KV caches start to count. That is throughput: how many requests are answered at once. The dashed lines are the bandwidth limit: the bytes a step reads (every weight once, plus each sequence&apos;s KV cache) over the memory bandwidth measured in the same run.</source>
        <translation>Batch neden neredeyse bedava: decode bellek sınırlıdır. Her adım, ister tek dizi ister çok dizi hesaplasın, tüm ağırlıkları bellekten bir kez okur; bu yüzden N dizi (her biri kendi KV cache&apos;iyle) o tek geçişi paylaşır: adım başına süre pek artmaz, saniyedeki token sayısı ise neredeyse N katına çıkar — ta ki hesaplama ya da N KV cache belirleyici olmaya başlayana dek. İş hacmi (throughput) budur: aynı anda kaç isteğe yanıt verildiği. Kesikli çizgiler bant genişliği sınırıdır: bir adımın okuduğu baytlar (her ağırlık bir kez, artı her dizinin KV cache&apos;i) bölü aynı çalıştırmada ölçülen bellek bant genişliği.</translation>
    </message>
    <message>
        <source>Against batch size (throughput)</source>
        <translation>Batch boyutuna göre (iş hacmi)</translation>
    </message>
    <message>
        <source>measured tokens/s</source>
        <translation>ölçülen token/sn</translation>
    </message>
    <message>
        <source>Throughput, all sequences together</source>
        <translation>İş hacmi, tüm diziler birlikte</translation>
    </message>
</context>
<context>
    <name>ui::ModelCardModel</name>
    <message>
        <source>%1 B</source>
        <translation>%1 milyar</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 milyon</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 bin</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>evet</translation>
    </message>
    <message>
        <source>no</source>
        <translation>hayır</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Mimari</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametreler</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Katmanlar</translation>
    </message>
    <message>
        <source>transformer blocks</source>
        <translation>transformer blokları</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>Dikkat başları</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>KV başları</translation>
    </message>
    <message>
        <source>fewer than the heads = grouped-query attention</source>
        <translation>dikkat başlarından azsa = gruplanmış sorgu dikkati (GQA)</translation>
    </message>
    <message>
        <source>Model width (dim)</source>
        <translation>Model genişliği (dim)</translation>
    </message>
    <message>
        <source>size of the vector each token carries</source>
        <translation>her tokenın taşıdığı vektörün boyutu</translation>
    </message>
    <message>
        <source>Head size</source>
        <translation>Baş boyutu</translation>
    </message>
    <message>
        <source>dim / heads</source>
        <translation>dim / baş sayısı</translation>
    </message>
    <message>
        <source>MLP width</source>
        <translation>MLP genişliği</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Sözlük</translation>
    </message>
    <message>
        <source>tokens the model knows</source>
        <translation>modelin bildiği tokenlar</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Bağlam uzunluğu</translation>
    </message>
    <message>
        <source>most positions the model can attend over</source>
        <translation>modelin dikkat edebileceği en çok konum</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>Konum kodlaması</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>Normalizasyon</translation>
    </message>
    <message>
        <source>kind and placement (pre / post)</source>
        <translation>tür ve yer (pre / post)</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivasyon</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation>Bağlı embedding&apos;ler</translation>
    </message>
    <message>
        <source>the LM head reuses the token embedding</source>
        <translation>LM head token embedding tablosunu yeniden kullanır</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Ağırlıklar</translation>
    </message>
    <message>
        <source>%1 in memory (%2 stored as %3)</source>
        <translation>bellekte %1 (%2, %3 olarak saklanmış)</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>tokenizer.json</source>
        <translation>tokenizer.json</translation>
    </message>
    <message>
        <source>none (type token ids)</source>
        <translation>yok (token id&apos;lerini yazın)</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Özellik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Değer</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Biçim</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Nicemleme</translation>
    </message>
    <message>
        <source>stored types (tensors of each), bits per weight, bytes on disk and as F32 in memory</source>
        <translation>saklanan türler (her birinden kaç tensör), ağırlık başına bit, diskteki ve bellekte F32 olarak bayt</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>Sohbet şablonu</translation>
    </message>
    <message>
        <source>%1 (from the model&apos;s template)</source>
        <translation>%1 (modelin kendi şablonundan)</translation>
    </message>
    <message>
        <source>one user turn in this layout:</source>
        <translation>bu düzende bir kullanıcı mesajı:</translation>
    </message>
</context>
<context>
    <name>ui::PatchingHeatmap</name>
    <message>
        <source>%1: not run (cancelled)</source>
        <translation>%1: çalıştırılmadı (iptal edildi)</translation>
    </message>
    <message>
        <source>%1: %2 of the clean logit difference restored</source>
        <translation>%1: temiz logit farkının %2 kadarı geri geldi</translation>
    </message>
</context>
<context>
    <name>ui::PatchingView</name>
    <message>
        <source>Run the corrupted prompt again with one activation taken from the clean run: how much of the clean answer comes back? 1 = all of it, 0 = none.</source>
        <translation>Bozuk istemi, temiz çalıştırmadan alınan tek bir etkinlikle yeniden çalıştır: temiz cevabın ne kadarı geri geliyor? 1 = hepsi, 0 = hiç.</translation>
    </message>
    <message>
        <source>Clea&amp;n prompt:</source>
        <translation>Temi&amp;z istem:</translation>
    </message>
    <message>
        <source>C&amp;orrupted prompt:</source>
        <translation>B&amp;ozuk istem:</translation>
    </message>
    <message>
        <source>The answer&apos;s token (one token, e.g. &quot; Paris&quot;, or #id)</source>
        <translation>Cevabın tokenı (tek token, ör. &quot; Paris&quot;, ya da #id)</translation>
    </message>
    <message>
        <source>Subtracted from the answer&apos;s logit (one token, or empty for the answer&apos;s logit alone)</source>
        <translation>Cevabın logitinden çıkarılır (tek token; boş bırakılırsa yalnız cevabın logiti)</translation>
    </message>
    <message>
        <source>minus logit of:</source>
        <translation>eksi şunun logiti:</translation>
    </message>
    <message>
        <source>Logit of to&amp;ken:</source>
        <translation>Tokenın lo&amp;giti:</translation>
    </message>
    <message>
        <source>R&amp;un patching</source>
        <translation>Yamalamayı &amp;başlat</translation>
    </message>
    <message>
        <source>Layers × positions + layers × heads forward passes, on the engine thread</source>
        <translation>Katman × konum + katman × baş kadar ileri geçiş, motor iş parçacığında</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>İptal (Esc)</translation>
    </message>
    <message>
        <source>Hover a cell for its exact value.</source>
        <translation>Tam değeri için imleci bir hücrenin üzerine getirin.</translation>
    </message>
    <message>
        <source>Patching…</source>
        <translation>Yamalanıyor…</translation>
    </message>
    <message>
        <source>logit(%1)</source>
        <translation>logit(%1)</translation>
    </message>
    <message>
        <source>logit(%1) − logit(%2)</source>
        <translation>logit(%1) − logit(%2)</translation>
    </message>
    <message>
        <source>%1: clean %2, corrupted %3.</source>
        <translation>%1: temiz %2, bozuk %3.</translation>
    </message>
    <message>
        <source>Cancelled: grey cells did not run.</source>
        <translation>İptal edildi: gri hücreler çalışmadı.</translation>
    </message>
    <message>
        <source>Residual stream: block × position</source>
        <translation>Artık akış: blok × konum</translation>
    </message>
    <message>
        <source>The residual stream entering each block, patched at one position</source>
        <translation>Her bloğa giren artık akış, tek bir konumda yamalanmış</translation>
    </message>
    <message>
        <source>Head outputs: block × head</source>
        <translation>Baş çıktıları: blok × baş</translation>
    </message>
    <message>
        <source>Each head&apos;s output, patched at every position at once</source>
        <translation>Her başın çıktısı, tüm konumlarda birden yamalanmış</translation>
    </message>
</context>
<context>
    <name>ui::PlanModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>İşlem</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Ne</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Şekil</translation>
    </message>
</context>
<context>
    <name>ui::PresentationMode</name>
    <message>
        <source>&amp;Presentation</source>
        <translation>&amp;Sunum modu</translation>
    </message>
    <message>
        <source>Presentation mode: high contrast, the view fills the screen, large text</source>
        <translation>Sunum modu: yüksek karşıtlık, görünüm ekranı doldurur, büyük yazı</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Yakınlaştır</translation>
    </message>
    <message>
        <source>Larger text everywhere</source>
        <translation>Her yerde daha büyük yazı</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Uzaklaştır</translation>
    </message>
    <message>
        <source>Smaller text everywhere</source>
        <translation>Her yerde daha küçük yazı</translation>
    </message>
    <message>
        <source>Text at 100%</source>
        <translation>Yazı normal boyutta</translation>
    </message>
    <message>
        <source>Actual si&amp;ze</source>
        <translation>Gerçek &amp;boyut</translation>
    </message>
</context>
<context>
    <name>ui::ProbabilityTableModel</name>
    <message>
        <source>✗ cut</source>
        <translation>✗ kesildi</translation>
    </message>
    <message>
        <source>token %1 (id %2)%3</source>
        <translation>token %1 (id %2)%3</translation>
    </message>
    <message>
        <source> — the sampled token</source>
        <translation> — örneklenen token</translation>
    </message>
    <message>
        <source>%1 after %2: logit %3, p = %4%5</source>
        <translation>%2 sonrasında %1: logit %3, p = %4%5</translation>
    </message>
    <message>
        <source> — removed by this stage</source>
        <translation> — bu aşamada çıkarıldı</translation>
    </message>
    <message>
        <source> — removed earlier</source>
        <translation> — daha önce çıkarıldı</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>final p
%1 kept</source>
        <translation>son p
%1 kaldı</translation>
    </message>
    <message>
        <source>logit
(model)</source>
        <translation>logit
(model)</translation>
    </message>
    <message>
        <source>%1 candidates of the vocabulary alive after this column</source>
        <translation>bu sütundan sonra sözlükte %1 aday kalıyor</translation>
    </message>
    <message>
        <source>
Σ = %1: the running total of the probabilities top-p receives, down to this row; rows are kept until it reaches p</source>
        <translation>
Σ = %1: top-p’ye gelen olasılıkların bu satıra kadarki birikimli toplamı; satırlar bu toplam p’ye ulaşana dek tutulur</translation>
    </message>
</context>
<context>
    <name>ui::QuantBlockPanel</name>
    <message>
        <source>block </source>
        <translation>blok </translation>
    </message>
    <message>
        <source>Which block of the row to take apart</source>
        <translation>Satırın hangi bloğunun açılacağı</translation>
    </message>
    <message>
        <source>value #</source>
        <translation>değer no</translation>
    </message>
    <message>
        <source>sub-block</source>
        <translation>alt blok</translation>
    </message>
    <message>
        <source>code q</source>
        <translation>kod q</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>ölçek</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>value</source>
        <translation>değer</translation>
    </message>
    <message>
        <source>d = %1</source>
        <translation>d = %1</translation>
    </message>
    <message>
        <source>, dmin = %1</source>
        <translation>, dmin = %1</translation>
    </message>
    <message>
        <source>, m = %1</source>
        <translation>, m = %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stored weight&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;: &lt;b&gt;%2&lt;/b&gt;, %3 × %4, %5 values per block. Row %6, block %7 of its %8 (values %9–%10): %11 · %12</source>
        <translation>&lt;b&gt;Saklanan ağırlık&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;: &lt;b&gt;%2&lt;/b&gt;, %3 × %4, blok başına %5 değer. Satır %6, %8 bloğundan %7. blok (değerler %9–%10): %11 · %12</translation>
    </message>
</context>
<context>
    <name>ui::QuantizationView</name>
    <message>
        <source>Compare with another file…</source>
        <translation>Başka bir dosyayla karşılaştır…</translation>
    </message>
    <message>
        <source>Open another file of the same model (e.g. its Q4_K_M GGUF) and run the prompt through both</source>
        <translation>Aynı modelin başka bir dosyasını (ör. Q4_K_M GGUF&apos;u) açıp istemi ikisinden de geçir</translation>
    </message>
    <message>
        <source>Compare again</source>
        <translation>Yeniden karşılaştır</translation>
    </message>
    <message>
        <source>The same file again, on the prompt as it is now</source>
        <translation>Aynı dosya, istemin şimdiki hâliyle</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Stop the comparison (Esc)</source>
        <translation>Karşılaştırmayı durdur (Esc)</translation>
    </message>
    <message>
        <source>Residual stream: error after each layer</source>
        <translation>Residual akış: her katmandan sonraki hata</translation>
    </message>
    <message>
        <source>relative error (%)</source>
        <translation>göreli hata (%)</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>katman</translation>
    </message>
    <message>
        <source>‖x_compared − x_reference‖ / ‖x_reference‖ of the residual stream x after each layer, over all positions of the prompt</source>
        <translation>Her katmandan sonra residual akış x için ‖x_karşılaştırılan − x_referans‖ / ‖x_referans‖, istemin tüm konumları üzerinden</translation>
    </message>
    <message>
        <source>Comparing with %1…</source>
        <translation>%1 ile karşılaştırılıyor…</translation>
    </message>
    <message>
        <source>opening %p%</source>
        <translation>açılıyor %p%</translation>
    </message>
    <message>
        <source>running %p%</source>
        <translation>çalışıyor %p%</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>Karşılaştırma başarısız: %1</translation>
    </message>
    <message>
        <source>Cancelled: the table shows the previous comparison, if any.</source>
        <translation>İptal edildi: tablo (varsa) önceki karşılaştırmayı gösteriyor.</translation>
    </message>
    <message>
        <source>Open a model, type a prompt, then compare it with another file of the same model — e.g. the F32 folder against its Q4_K_M GGUF (File ▸ Compare with another file…). Both run the prompt; the chart shows how far the residual stream drifts layer by layer, the table which of the top 10 next tokens changed places.</source>
        <translation>Bir model açın, bir istem yazın, sonra onu aynı modelin başka bir dosyasıyla karşılaştırın — ör. F32 klasörünü Q4_K_M GGUF&apos;uyla (Dosya ▸ Başka bir dosyayla karşılaştır…). İkisi de istemi çalıştırır; grafik residual akışın katman katman ne kadar saptığını, tablo en olası 10 sonraki tokendan hangilerinin yer değiştirdiğini gösterir.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reference&lt;/b&gt;: %1 — %2&lt;br&gt;&lt;b&gt;Compared&lt;/b&gt;: %3 — %4</source>
        <translation>&lt;b&gt;Referans&lt;/b&gt;: %1 — %2&lt;br&gt;&lt;b&gt;Karşılaştırılan&lt;/b&gt;: %3 — %4</translation>
    </message>
    <message numerus="yes">
        <source>Prompt of %n token(s), the same ids in both.</source>
        <translation>
            <numerusform>%n tokenlık istem, ikisinde de aynı kimlikler.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;KL divergence&lt;/b&gt; of the next-token distributions: &lt;b&gt;%1&lt;/b&gt; nats&lt;br&gt;Largest change of a logit: %2 % of the largest logit&lt;br&gt;%3 of the %4 tokens below changed places</source>
        <translation>Sonraki token dağılımlarının &lt;b&gt;KL ıraksaması&lt;/b&gt;: &lt;b&gt;%1&lt;/b&gt; nat&lt;br&gt;Bir logitin en büyük değişimi: en büyük logitin %%2&apos;si&lt;br&gt;Aşağıdaki %4 tokendan %3 tanesi yer değiştirdi</translation>
    </message>
</context>
<context>
    <name>ui::QuantizationWorkbench</name>
    <message>
        <source>&amp;Quantization</source>
        <translation>&amp;Nicemleme</translation>
    </message>
    <message>
        <source>Compare with another &amp;file…</source>
        <translation>Başka bir &amp;dosyayla karşılaştır…</translation>
    </message>
    <message>
        <source>Run the prompt through another file of the same model (e.g. its Q4_K_M GGUF) and compare layer by layer</source>
        <translation>İstemi aynı modelin başka bir dosyasından (ör. Q4_K_M GGUF&apos;u) geçirip katman katman karşılaştır</translation>
    </message>
    <message>
        <source>Compare with another file of the same model (a GGUF, a model.safetensors or config.json, a model.bin)</source>
        <translation>Aynı modelin başka bir dosyasıyla karşılaştır (bir GGUF, bir model.safetensors ya da config.json, bir model.bin)</translation>
    </message>
    <message>
        <source>Model files (*.gguf config.json *.safetensors *.bin);;All files (*)</source>
        <translation>Model dosyaları (*.gguf config.json *.safetensors *.bin);;Tüm dosyalar (*)</translation>
    </message>
</context>
<context>
    <name>ui::QuantizationWorker</name>
    <message>
        <source>Open a model first (File ▸ Open model…): it is the reference the other file is compared with.</source>
        <translation>Önce bir model açın (Dosya ▸ Model aç…): diğer dosya onunla karşılaştırılır.</translation>
    </message>
    <message>
        <source>Type a prompt first: both models run on its tokens.</source>
        <translation>Önce bir istem yazın: iki model de onun tokenlarını çalıştırır.</translation>
    </message>
</context>
<context>
    <name>ui::RankChangeModel</name>
    <message>
        <source>token id %1</source>
        <translation>token kimliği %1</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Rank
reference</source>
        <translation>Sıra
referans</translation>
    </message>
    <message>
        <source>Rank
compared</source>
        <translation>Sıra
karşılaştırılan</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Kayma</translation>
    </message>
    <message>
        <source>P
reference</source>
        <translation>P
referans</translation>
    </message>
    <message>
        <source>P
compared</source>
        <translation>P
karşılaştırılan</translation>
    </message>
</context>
<context>
    <name>ui::RopeCanvas</name>
    <message>
        <source>pair %1 · dims %2, %3
ω %4 · λ %5
angle k→q %6°</source>
        <translation>çift %1 · boyut %2, %3
ω %4 · λ %5
k→q açısı %6°</translation>
    </message>
    <message>
        <source>distance %1: q·k = %2 (%3 at distance 0)</source>
        <translation>uzaklık %1: q·k = %2 (uzaklık 0’da %3)</translation>
    </message>
    <message>
        <source>no dimension rotates: q·k is the plain dot product at every distance</source>
        <translation>hiçbir boyut dönmüyor: q·k her uzaklıkta düz iç çarpım</translation>
    </message>
    <message>
        <source>%1 of %2 dims rotate, in %3 pairs (i, i + %3)</source>
        <translation>%2 boyutun %1 tanesi %3 çift hâlinde dönüyor (i, i + %3)</translation>
    </message>
    <message>
        <source>; dims %1–%2 pass unchanged (partial rotary)</source>
        <translation>; %1–%2 boyutları değişmeden geçiyor (kısmi döndürme)</translation>
    </message>
    <message>
        <source>Open a model that uses RoPE.</source>
        <translation>RoPE kullanan bir model açın.</translation>
    </message>
    <message>
        <source>Layer %1 has no positional encoding (NoPE).
Its q and k are not turned: the score depends on what the tokens are, never on how far apart they stand.</source>
        <translation>%1. katmanda konum kodlaması yok (NoPE).
q ve k döndürülmüyor: skor tokenların ne olduğuna bağlı, birbirlerinden ne kadar uzak durduklarına asla.</translation>
    </message>
    <message>
        <source>pairs</source>
        <translation>çiftler</translation>
    </message>
    <message>
        <source>Layer %1 · one head&apos;s %2 dims · %3</source>
        <translation>Katman %1 · bir başın %2 boyutu · %3</translation>
    </message>
    <message>
        <source>Wavelength of each pair (positions per turn): ○ before, ● after rope_scaling</source>
        <translation>Her çiftin dalga boyu (tur başına konum): ○ rope_scaling öncesi, ● sonrası</translation>
    </message>
    <message>
        <source>Wavelength of each pair (positions per turn)</source>
        <translation>Her çiftin dalga boyu (tur başına konum)</translation>
    </message>
    <message>
        <source>context %1</source>
        <translation>bağlam %1</translation>
    </message>
    <message>
        <source>original context %1</source>
        <translation>özgün bağlam %1</translation>
    </message>
    <message>
        <source>pair 0 (fastest) … pair %1 (slowest)</source>
        <translation>çift 0 (en hızlı) … çift %1 (en yavaş)</translation>
    </message>
    <message>
        <source>q·k against the distance between query and key (before the 1/√d scale) · %1</source>
        <translation>sorgu ile anahtar arasındaki uzaklığa göre q·k (1/√d ölçeğinden önce) · %1</translation>
    </message>
    <message>
        <source>%1 positions</source>
        <translation>%1 konum</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>en hızlı</translation>
    </message>
    <message>
        <source>slowest</source>
        <translation>en yavaş</translation>
    </message>
</context>
<context>
    <name>ui::RopePanel</name>
    <message>
        <source>&amp;Layer</source>
        <translation>&amp;Katman</translation>
    </message>
    <message>
        <source>&amp;Query position</source>
        <translation>&amp;Sorgu konumu</translation>
    </message>
    <message>
        <source>&amp;Key position</source>
        <translation>&amp;Anahtar konumu</translation>
    </message>
    <message>
        <source>Open a model to see how it encodes positions.</source>
        <translation>Konumları nasıl kodladığını görmek için bir model açın.</translation>
    </message>
    <message>
        <source>This model adds a sin/cos vector to each token&apos;s embedding instead of rotating q and k. Below: that table on its own, positions 0–%1 (rows) × %2 dims (columns). Each pair of columns is one sine and cosine; the left ones change fast from row to row, the right ones slowly: the stripes.</source>
        <translation>Bu model q ve k’yı döndürmek yerine her tokenın gömmesine bir sin/cos vektörü ekler. Aşağıda: bu tablo tek başına, 0–%1 konumları (satırlar) × %2 boyut (sütunlar). Her sütun çifti bir sinüs ve bir kosinüstür; soldakiler satırdan satıra hızlı, sağdakiler yavaş değişir: şeritler.</translation>
    </message>
    <message>
        <source>This model adds a learned vector to each token&apos;s embedding instead of rotating q and k. Below: that table on its own, positions 0–%1 of %2 (rows) × %3 dims (columns), as training left it.</source>
        <translation>Bu model q ve k’yı döndürmek yerine her tokenın gömmesine öğrenilmiş bir vektör ekler. Aşağıda: bu tablo tek başına, %2 konumun 0–%1 arası (satırlar) × %3 boyut (sütunlar), eğitimin bıraktığı hâliyle.</translation>
    </message>
    <message>
        <source>layer %1: no positional encoding (NoPE layer)</source>
        <translation>katman %1: konum kodlaması yok (NoPE katmanı)</translation>
    </message>
    <message>
        <source>base θ %1%2</source>
        <translation>taban θ %1%2</translation>
    </message>
    <message>
        <source> (the sliding-window layers&apos; own)</source>
        <translation> (kayan pencere katmanlarının kendi tabanı)</translation>
    </message>
    <message>
        <source>Llama 3 scaling: wavelengths above %1 positions slowed %2×, below %3 kept, blended between</source>
        <translation>Llama 3 ölçeklemesi: %1 konumdan uzun dalga boyları %2× yavaşlatılır, %3’ten kısalar korunur, arası harmanlanır</translation>
    </message>
    <message>
        <source>linear scaling: every frequency divided by %1</source>
        <translation>doğrusal ölçekleme: her frekans %1’e bölünür</translation>
    </message>
    <message>
        <source>&amp;Head</source>
        <translation>&amp;Baş</translation>
    </message>
    <message>
        <source>RoPE turns each 2-D pair of a head&apos;s q and k by its position times the pair&apos;s own frequency ω. The score q·k only sees the angle between the two turned vectors, so it depends on the distance between the positions, not on where they stand. Fast pairs (short wavelength λ) tell close neighbours apart; slow pairs hardly turn and carry meaning across the whole context. Inside the prompt q and k are the model&apos;s own (the line above says whose); past it they are the same textbook vector (every pair at (1, 0)), and the curve is RoPE&apos;s own effect. Either way the curve keeps the two vectors and moves only the distance.</source>
        <translation>RoPE, bir başın q ve k vektörlerindeki her 2 boyutlu çifti konumu çarpı çiftin kendi frekansı ω kadar döndürür. q·k puanı yalnızca dönmüş iki vektör arasındaki açıyı görür; bu yüzden konumların nerede durduğuna değil, aralarındaki uzaklığa bağlıdır. Hızlı çiftler (kısa dalga boyu λ) yakın komşuları ayırt eder; yavaş çiftler neredeyse dönmez ve anlamı bütün bağlam boyunca taşır. İstemin içinde q ve k modelin kendi vektörleridir (üstteki satır hangileri olduğunu söyler); istemin ötesinde aynı ders kitabı vektörüdür (her çift (1, 0)) ve eğri RoPE&apos;nin kendi etkisidir. Her iki durumda da eğri iki vektörü sabit tutar, yalnızca uzaklığı değiştirir.</translation>
    </message>
    <message>
        <source>q, k: the model&apos;s own, head %1&apos;s query at %2 and K/V head %3&apos;s key at %4</source>
        <translation>q, k: modelin kendi vektörleri, %1. başın %2 konumundaki sorgusu ve %3. K/V başının %4 konumundaki anahtarı</translation>
    </message>
    <message>
        <source>q, k: textbook vectors (every pair at (1, 0)); positions inside the prompt use the model&apos;s own</source>
        <translation>q, k: ders kitabı vektörleri (her çift (1, 0)); istemin içindeki konumlar modelin kendi vektörlerini kullanır</translation>
    </message>
</context>
<context>
    <name>ui::RunStatus</name>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Stop the run (Esc); what is done so far stays</source>
        <translation>Çalıştırmayı durdur (Esc); şimdiye kadar yapılan kalır</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; — the result so far: %1</source>
        <translation>&lt;b&gt;İptal edildi&lt;/b&gt; — şimdiye kadarki sonuç: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Bitti.</translation>
    </message>
</context>
<context>
    <name>ui::SamplingLab</name>
    <message>
        <source>Click a row to choose the token the logit bias applies to</source>
        <translation>Logit sapmasının uygulanacağı tokenı seçmek için bir satıra tıklayın</translation>
    </message>
    <message>
        <source>hide the stages that are off (they change nothing)</source>
        <translation>kapalı aşamaları gizle (etkileri yok)</translation>
    </message>
    <message>
        <source>Top 10: the model vs after the pipeline</source>
        <translation>İlk 10: model / işlem hattı sonrası</translation>
    </message>
    <message>
        <source>model (T = 1)</source>
        <translation>model (T = 1)</translation>
    </message>
    <message>
        <source>drawn from</source>
        <translation>son dağılım</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>olasılık</translation>
    </message>
    <message>
        <source>token %1</source>
        <translation>token %1</translation>
    </message>
    <message>
        <source>Shape the distribution</source>
        <translation>Dağılımı biçimlendir</translation>
    </message>
    <message>
        <source>logits / T: low = sharper, high = flatter; 0 = greedy (only the best token)</source>
        <translation>logit&apos;ler / T: düşük = daha sivri, yüksek = daha düz; 0 = greedy (yalnızca en iyi token)</translation>
    </message>
    <message>
        <source>keep the k most likely tokens (0 = off)</source>
        <translation>en olası k tokenı tut (0 = kapalı)</translation>
    </message>
    <message>
        <source>keep the smallest set of best tokens whose probabilities add up to p (1 = off)</source>
        <translation>olasılıklarının toplamı p&apos;ye ulaşan en küçük en iyi token kümesini tut (1 = kapalı)</translation>
    </message>
    <message>
        <source>drop tokens less likely than min-p × the best token&apos;s probability (0 = off)</source>
        <translation>olasılığı min-p × en iyi tokenın olasılığından düşük olan tokenları at (0 = kapalı)</translation>
    </message>
    <message>
        <source>keep the tokens whose surprise is closest to the average surprise, up to mass p (1 = off)</source>
        <translation>şaşırtıcılığı ortalama şaşırtıcılığa en yakın tokenları p kütlesine kadar tut (1 = kapalı)</translation>
    </message>
    <message>
        <source>Avoid repeating</source>
        <translation>Tekrardan kaçın</translation>
    </message>
    <message>
        <source>HF repetition penalty for tokens in the window: positive logits ÷ p, negative × p (1 = off)</source>
        <translation>Penceredeki tokenlar için HF tekrar cezası: pozitif logit&apos;ler ÷ p, negatifler × p (1 = kapalı)</translation>
    </message>
    <message>
        <source>subtracted once from every token already in the window (0 = off)</source>
        <translation>pencerede zaten bulunan her tokendan bir kez çıkarılır (0 = kapalı)</translation>
    </message>
    <message>
        <source>subtracted once per occurrence in the window (0 = off)</source>
        <translation>penceredeki her geçişi için bir kez çıkarılır (0 = kapalı)</translation>
    </message>
    <message>
        <source>whole history</source>
        <translation>tüm geçmiş</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>the penalties look at the last N tokens (0 = all)</source>
        <translation>cezalar son N tokena bakar (0 = tümü)</translation>
    </message>
    <message>
        <source>window</source>
        <translation>pencere</translation>
    </message>
    <message>
        <source>Logit bias</source>
        <translation>Logit sapması</translation>
    </message>
    <message>
        <source>click a table row</source>
        <translation>tablodan bir satıra tıklayın</translation>
    </message>
    <message>
        <source>for</source>
        <translation>hedef</translation>
    </message>
    <message>
        <source>added to the chosen token&apos;s logit</source>
        <translation>seçilen tokenın logit&apos;ine eklenir</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Çalıştırma</translation>
    </message>
    <message>
        <source>the order of the stages: Hugging Face transformers or llama.cpp</source>
        <translation>aşamaların sırası: Hugging Face transformers ya da llama.cpp</translation>
    </message>
    <message>
        <source>stage order</source>
        <translation>aşama sırası</translation>
    </message>
    <message>
        <source>the seed of the random numbers (a new seed restarts the run)</source>
        <translation>rastgele sayıların tohumu (yeni bir tohum çalıştırmayı baştan başlatır)</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>tohum</translation>
    </message>
    <message>
        <source>table rows</source>
        <translation>tablo satırları</translation>
    </message>
    <message>
        <source>max new tokens</source>
        <translation>en çok yeni token</translation>
    </message>
    <message>
        <source>e.g. .|\n</source>
        <translation>örn. .|\n</translation>
    </message>
    <message>
        <source>stop sequences separated by |; \n is a newline</source>
        <translation>| ile ayrılmış durdurma dizileri; \n yeni satırdır</translation>
    </message>
    <message>
        <source>stop sequences</source>
        <translation>durdurma dizileri</translation>
    </message>
    <message>
        <source>stop at EOS</source>
        <translation>EOS&apos;ta dur</translation>
    </message>
    <message>
        <source>&lt;b&gt;Token %1&lt;/b&gt; of the answer · drawn: &lt;b style=&apos;background:#ffd54f&apos;&gt;&amp;nbsp;%2&amp;nbsp;&lt;/b&gt; with p = %3 (random number %4) · %5 of %6 tokens survive the pipeline · order &lt;i&gt;%7&lt;/i&gt;</source>
        <translation>Cevabın &lt;b&gt;%1. tokenı&lt;/b&gt; · çekilen: &lt;b style=&apos;background:#ffd54f&apos;&gt;&amp;nbsp;%2&amp;nbsp;&lt;/b&gt;, p = %3 (rastgele sayı %4) · %6 tokendan %5 tanesi işlem hattından geçiyor · sıra &lt;i&gt;%7&lt;/i&gt;</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>sıcaklık</translation>
    </message>
    <message>
        <source>repetition</source>
        <translation>tekrar</translation>
    </message>
    <message>
        <source>presence</source>
        <translation>varlık</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>sıklık</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>sapma</translation>
    </message>
    <message>
        <source>logit_bias: the sampling lab holds one biased token, not %1</source>
        <translation>logit_bias: örnekleme laboratuvarı tek bir sapmalı token tutar, %1 değil</translation>
    </message>
    <message>
        <source>%1 = %2 is not a value of its slider</source>
        <translation>%1 = %2 kaydırıcısının bir değeri değil</translation>
    </message>
    <message>
        <source>unknown stage order “%1”</source>
        <translation>bilinmeyen aşama sırası “%1”</translation>
    </message>
    <message>
        <source>seed %1 or penalty window %2 is outside its box</source>
        <translation>tohum %1 ya da ceza penceresi %2 kutusunun dışında</translation>
    </message>
    <message>
        <source>the stop sequence “%1” cannot be typed in the lab&apos;s box</source>
        <translation>“%1” durdurma dizisi laboratuvarın kutusuna yazılamaz</translation>
    </message>
    <message>
        <source>max new tokens %1 is outside %2..%3</source>
        <translation>en fazla yeni token %1, %2..%3 aralığının dışında</translation>
    </message>
    <message>
        <source>The model&apos;s generation_config.json: %1. The controls start there.</source>
        <translation>Modelin generation_config.json dosyası: %1. Ayarlar buradan başlar.</translation>
    </message>
    <message>
        <source>The model&apos;s generation_config.json: %1, not used: %2.</source>
        <translation>Modelin generation_config.json dosyası: %1, kullanılmadı: %2.</translation>
    </message>
</context>
<context>
    <name>ui::SessionActions</name>
    <message>
        <source>Inference Explorer sessions (*.iesession.json *.json)</source>
        <translation>Inference Explorer oturumları (*.iesession.json *.json)</translation>
    </message>
    <message>
        <source>Sa&amp;ve session…</source>
        <translation>Oturumu ka&amp;ydet…</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Oturumu kaydet</translation>
    </message>
    <message>
        <source>Save the model, prompt, cursor, selection and every setting to a file</source>
        <translation>Modeli, istemi, imleci, seçimi ve her ayarı bir dosyaya kaydet</translation>
    </message>
    <message>
        <source>Open s&amp;ession…</source>
        <translation>O&amp;turum aç…</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Oturum aç</translation>
    </message>
    <message>
        <source>Put the window back as a saved session had it: the same numbers</source>
        <translation>Pencereyi kaydedilmiş oturumdaki hâline getir: aynı sayılar</translation>
    </message>
    <message>
        <source>Could not restore the session %1: %2</source>
        <translation>%1 oturumu geri yüklenemedi: %2</translation>
    </message>
    <message>
        <source>Could not open the session: %1</source>
        <translation>Oturum açılamadı: %1</translation>
    </message>
    <message>
        <source>The session&apos;s model %1 is not there any more.</source>
        <translation>Oturumun modeli %1 artık orada değil.</translation>
    </message>
    <message>
        <source>The model %1 has changed since the session was saved (its files differ), so its numbers would differ too.</source>
        <translation>%1 modeli oturum kaydedildikten sonra değişmiş (dosyaları farklı), bu yüzden sayıları da farklı olur.</translation>
    </message>
    <message>
        <source>Pick the model&apos;s folder?</source>
        <translation>Modelin klasörü seçilsin mi?</translation>
    </message>
    <message>
        <source>The session&apos;s model</source>
        <translation>Oturumun modeli</translation>
    </message>
    <message>
        <source>This model differs from the session&apos;s: the numbers may differ.</source>
        <translation>Bu model oturumunkinden farklı: sayılar farklı olabilir.</translation>
    </message>
    <message>
        <source>Session %1 restored.</source>
        <translation>%1 oturumu geri yüklendi.</translation>
    </message>
    <message>
        <source>Session %1 restored. %2</source>
        <translation>%1 oturumu geri yüklendi. %2</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Oturum</translation>
    </message>
</context>
<context>
    <name>ui::SessionWorker</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 okunuyor</translation>
    </message>
    <message>
        <source>Compiling the execution plan</source>
        <translation>Yürütme planı derleniyor</translation>
    </message>
    <message>
        <source>Loading the tokenizer</source>
        <translation>Tokenizer yükleniyor</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Yüklendi</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>%1 yüklenemedi: %2</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Yüklü model yok.</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <source>this model has no tokenizer.json: type token ids separated by spaces</source>
        <translation>bu modelin tokenizer.json dosyası yok: token id&apos;lerini boşlukla ayırarak yazın</translation>
    </message>
    <message>
        <source>the prompt has no tokens</source>
        <translation>promptta hiç token yok</translation>
    </message>
    <message>
        <source>Could not run the prompt: %1</source>
        <translation>Prompt çalıştırılamadı: %1</translation>
    </message>
    <message>
        <source>decode pass</source>
        <translation>decode geçişi</translation>
    </message>
    <message>
        <source>run the current pass to its end first (F5)</source>
        <translation>önce geçerli geçişi sonuna kadar çalıştırın (F5)</translation>
    </message>
    <message>
        <source>the finished pass has no prediction</source>
        <translation>biten geçişin tahmini yok</translation>
    </message>
    <message>
        <source>id %1 is outside the vocabulary (%2)</source>
        <translation>id %1 sözlüğün dışında (%2)</translation>
    </message>
    <message>
        <source>the context is full (%1 positions)</source>
        <translation>bağlam dolu (%1 konum)</translation>
    </message>
    <message>
        <source>Could not start the decode pass: %1</source>
        <translation>Decode geçişi başlatılamadı: %1</translation>
    </message>
    <message>
        <source>decode step</source>
        <translation>decode adımı</translation>
    </message>
    <message>
        <source>no model is loaded</source>
        <translation>yüklü model yok</translation>
    </message>
    <message>
        <source>needs a prompt and at least one generated token</source>
        <translation>bir prompt ve en az bir üretilmiş token gerekir</translation>
    </message>
    <message>
        <source>Could not prepare the decode step: %1</source>
        <translation>Decode adımı hazırlanamadı: %1</translation>
    </message>
    <message>
        <source>%1 tokens exceed the context length %2</source>
        <translation>%1 token bağlam uzunluğu %2&apos;yi aşıyor</translation>
    </message>
</context>
<context>
    <name>ui::TensorHeatmap</name>
    <message>
        <source>Step to an op to see its output tensor.</source>
        <translation>Çıktı tensörünü görmek için bir işleme kadar ilerleyin.</translation>
    </message>
    <message>
        <source>row %1 (%2) · column %3
value %4</source>
        <translation>satır %1 (%2) · sütun %3
değer %4</translation>
    </message>
</context>
<context>
    <name>ui::TensorPanel</name>
    <message>
        <source>Wheel: zoom · drag: pan · double-click: fit · click a row: select that token</source>
        <translation>Tekerlek: yakınlaştır · sürükle: kaydır · çift tık: sığdır · satıra tık: o tokenı seç</translation>
    </message>
    <message>
        <source>row %1 (%2) · column %3 · value %4</source>
        <translation>satır %1 (%2) · sütun %3 · değer %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing has run yet.&lt;/b&gt; Press &lt;b&gt;F10&lt;/b&gt; to run the first op, &lt;b&gt;F5&lt;/b&gt; to run the whole prefill.</source>
        <translation>&lt;b&gt;Henüz hiçbir şey çalışmadı.&lt;/b&gt; İlk işlemi çalıştırmak için &lt;b&gt;F10&lt;/b&gt;, prefill&apos;in tamamını çalıştırmak için &lt;b&gt;F5&lt;/b&gt; tuşuna basın.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;code&gt;%2&lt;/code&gt;&lt;br&gt;shape &lt;b&gt;%3 × %4&lt;/b&gt; %5 &amp;nbsp;·&amp;nbsp; min %6 · max %7 · mean %8 · std %9</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&lt;code&gt;%2&lt;/code&gt;&lt;br&gt;şekil &lt;b&gt;%3 × %4&lt;/b&gt; %5 &amp;nbsp;·&amp;nbsp; min %6 · maks %7 · ortalama %8 · std %9</translation>
    </message>
    <message>
        <source>&lt;b&gt;Most likely next tokens:&lt;/b&gt; </source>
        <translation>&lt;b&gt;En olası sonraki tokenlar:&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Show the tensor &amp;before this op</source>
        <translation>Bu işlemden ö&amp;nceki tensörü göster</translation>
    </message>
    <message>
        <source>before: min %1 · max %2 · mean %3 · std %4</source>
        <translation>önce: min %1 · maks %2 · ortalama %3 · std %4</translation>
    </message>
    <message>
        <source>%1  →  after cap · tanh(x / cap) with cap %2: every value inside (−%2, %2), small ones almost unchanged</source>
        <translation>%1  →  sınır %2 ile cap · tanh(x / cap) sonrası: her değer (−%2, %2) içinde, küçükler neredeyse değişmeden</translation>
    </message>
    <message>
        <source>%1  →  after: each head&apos;s vector divided by its RMS and scaled by the norm&apos;s weight (std per head near the weight&apos;s size, whatever it was before)</source>
        <translation>%1  →  sonra: her başın vektörü kendi RMS’ine bölünür ve normun ağırlığıyla ölçeklenir (baş başına std, önceki değeri ne olursa olsun ağırlığın büyüklüğüne yakın)</translation>
    </message>
</context>
<context>
    <name>ui::TokenStrip</name>
    <message>
        <source>Tokens appear here once the prompt is tokenized.</source>
        <translation>Prompt tokenlara bölününce tokenlar burada görünür.</translation>
    </message>
    <message>
        <source>
appended by decode pass %1</source>
        <translation>
%1. decode geçişinde eklendi</translation>
    </message>
    <message>
        <source>
inside the repetition-penalty window: its logit is penalised when the next token is sampled</source>
        <translation>
tekrar cezası penceresinin içinde: sonraki token örneklenirken logit&apos;i cezalandırılır</translation>
    </message>
</context>
<context>
    <name>ui::WindowDriver</name>
    <message>
        <source>The model did not answer within %1 s.</source>
        <translation>Model %1 saniye içinde yanıt vermedi.</translation>
    </message>
    <message>
        <source>The model %1 could not be loaded.</source>
        <translation>%1 modeli yüklenemedi.</translation>
    </message>
    <message>
        <source>Open a model first: the step has a prompt but no model is loaded.</source>
        <translation>Önce bir model açın: adımın bir istemi var ama yüklü model yok.</translation>
    </message>
    <message>
        <source>The model has no op “%1”.</source>
        <translation>Modelde “%1” işlemi yok.</translation>
    </message>
    <message>
        <source>Unknown sampling setting in “%1”.</source>
        <translation>“%1” içinde bilinmeyen örnekleme ayarı.</translation>
    </message>
    <message>
        <source>Unknown view “%1”.</source>
        <translation>Bilinmeyen görünüm “%1”.</translation>
    </message>
</context>
</TS>
