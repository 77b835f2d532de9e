## نسخ المسودة: الرفع والمقارنة والتنزيل
drafts-new-title = رفع نسخة من المسودة
drafts-in-review-warning = هذه الاتفاقية قيد المراجعة. رفع مسودة جديدة يُلغي الموافقات الممنوحة حتى الآن، وتبدأ سلسلة المراجعة من جديد من خطوتها الأولى.
drafts-file-hint = ملف Word ‏(⁦.docx⁩) أو OpenDocument ‏(⁦.odt⁩) أو PDF أو نص أو Markdown لا يتجاوز حجمه { $mb } ميغابايت. يُتحقَّق من نوع الملف من محتواه لا من اسمه.
drafts-note-hint = اختياري: ما الذي تغيّر، ومن أرسله، وما الذي لا يزال معلّقًا.
drafts-upload-button = رفع المسودة
drafts-direction-internal = داخلية
drafts-direction-to_partner = مُرسلة إلى الشريك
drafts-direction-from_partner = مُستلمة من الشريك
drafts-compare-title = مقارنة نسخ المسودة
drafts-compare-from = النسخة الأقدم
drafts-compare-to = النسخة الأحدث
drafts-compare-button = قارِن
field-compare-from = النسخة الأقدم
field-compare-to = النسخة الأحدث
drafts-version-n = النسخة { $number }
drafts-redline-title = التغييرات من النسخة { $from } إلى النسخة { $to }
drafts-stats-inserted = { $count ->
    [zero] لم تُدرَج أي كلمة
    [one] أُدرِجت كلمة واحدة
    [two] أُدرِجت كلمتان
    [few] أُدرِجت { $count } كلمات
    [many] أُدرِجت { $count } كلمة
   *[other] أُدرِجت { $count } كلمة
}
drafts-stats-deleted = { $count ->
    [zero] لم تُحذَف أي كلمة
    [one] حُذِفت كلمة واحدة
    [two] حُذِفت كلمتان
    [few] حُذِفت { $count } كلمات
    [many] حُذِفت { $count } كلمة
   *[other] حُذِفت { $count } كلمة
}
drafts-legend-before = طريقة القراءة:
drafts-legend-inserted = النص المُدرَج مُسطَّر من تحته
drafts-legend-deleted = النص المحذوف مشطوب
drafts-no-changes = للنسختين النص نفسه.
drafts-inserted-start = مُدرَج:
drafts-deleted-start = محذوف:
drafts-need-two = تلزم نسختان من المسودة لإجراء المقارنة.
drafts-versions-title = النسخ
drafts-col-version = النسخة
drafts-col-round = الجولة
drafts-col-date = تاريخ الرفع
drafts-col-author = بواسطة
drafts-no-text = النص غير مقروء
error-empty_file = الملف فارغ.
error-no_text = تعذّرت قراءة نص هذه النسخة (ملف PDF ممسوح ضوئيًا مثلًا)، ولذا لا يمكن مقارنتها.
