## Contacts (list, page and form)
contacts-new = جهة اتصال جديدة
contacts-count = { $count ->
    [0] لا توجد جهات اتصال
    [zero] لا توجد جهات اتصال
    [one] جهة اتصال واحدة
    [two] جهتا اتصال
    [few] { $count } جهات اتصال
    [many] { $count } جهة اتصال
   *[other] { $count } جهة اتصال
}
contacts-edit-title = تعديل { $name }
contacts-search-hint = اسم بأي أبجدية، أو عنوان بريد إلكتروني، أو مسمى وظيفي؛ ولا عبرة بالحركات ولا بعلامات النبر.
contacts-filtered-by-partner = الأشخاص الذين يشغلون أو شغلوا منصبًا لدى
contacts-empty-title = لا توجد جهات اتصال بعد
contacts-empty-text = سجّل الأشخاص الذين تتعامل معهم لدى الشركاء: افتح صفحة الشريك واختر «إضافة جهة اتصال»، أو أنشئ جهة اتصال من هنا وحدّد الشريك في أحد المناصب.
contacts-empty-text-readonly = يسجّل مسؤولو الشراكات الأشخاص العاملين لدى المنظمات الشريكة، وستُعرض قائمتهم هنا.
contacts-none-found = لا توجد جهة اتصال تطابق هذا البحث
contacts-none-found-text = جرّب كتابة أخرى، أو جزءًا من الاسم، أو امسح البحث.
contacts-col-positions = المناصب الحالية
contacts-no-current-position = لا يشغل أي منصب حاليًا.
contacts-positions-current = المناصب
contacts-position-legend = المنصب { $number }
contacts-position-new = منصب آخر (اختياري)
contacts-position-field = المنصب { $number }: { $field }
contacts-positions-hint = اترك السطر فارغًا لتجاهله؛ ولحذف منصب، أفرغ جميع حقوله. أدخل تاريخ الانتهاء عند انتهاء المنصب، فيُحتفظ به حينئذ منصبًا سابقًا.
contacts-partner-is = الشريك:
contacts-partner-hint = معرّف الشريك. يملؤه تلقائيًا زر «إضافة جهة اتصال» في صفحة الشريك.
contacts-to-hint = اتركه فارغًا ما دام المنصب مشغولًا.
contacts-authority-document-hint = وثيقة التفويض الكامل أو التفويض الجزئي، مع مرجعها وتاريخها.
contacts-honorific-hint = مثل: معالي، سعادة، د.، أ.د.
contacts-name-alt-hint = الاسم بأبجدية أخرى، مثل العربية أو اللاتينية.
contacts-languages-hint = رموز من حرفين تفصل بينها فواصل، مثل ar, fr.

## Contact fields
contacts-field-honorific = اللقب
contacts-field-name-alt = الاسم بأبجدية أخرى
contacts-field-languages = اللغات
contacts-field-positions = المناصب
contacts-field-partner-id = الشريك
contacts-field-title = المسمى الوظيفي
contacts-field-from = تاريخ البدء
contacts-field-to = تاريخ الانتهاء
contacts-field-signing-authority = صلاحية التوقيع
contacts-field-authority-document = وثيقة التفويض

## Errors
error-unknown_position = لا يوجد منصب كهذا لجهة الاتصال هذه.
