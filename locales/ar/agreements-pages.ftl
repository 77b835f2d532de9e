## صفحات الاتفاقيات: القائمة، واللوحة، والنماذج، وأعمالي، ومدد المراحل، وملخص الصفحة الرئيسية
nav-agreements = الاتفاقيات
nav-my-work = أعمالي
agreements-new = اتفاقية جديدة
agreements-create = إنشاء الاتفاقية
agreements-count = { $count ->
    [0] لا توجد اتفاقيات
    [zero] لا توجد اتفاقيات
    [one] اتفاقية واحدة
    [two] اتفاقيتان
    [few] { $count } اتفاقيات
    [many] { $count } اتفاقيةً
   *[other] { $count } اتفاقية
}
agreements-filters = تصفية الاتفاقيات
agreements-search-hint = الرقم المرجعي أو العنوان أو الأهداف، بأيٍّ من اللغات الثلاث.
agreements-filter-partner = الشريك (المعرّف)
agreements-partner-id-hint = معرّف الشريك كما يظهر في عنوان صفحته.
agreements-ends-after = تنتهي بعد
agreements-ends-before = تنتهي قبل
agreements-mine = الاتفاقيات التي أتولاها فقط
agreements-ends-soon = تنتهي قريبًا
agreements-col-reference = الرقم المرجعي
agreements-col-title = العنوان
agreements-col-parties = الأطراف
agreements-col-status = الحالة
agreements-col-ends-on = تاريخ الانتهاء
agreements-col-updated-at = آخر تعديل
agreements-empty-title = لا توجد اتفاقيات بعد
agreements-empty-text = سجّل الاتفاقية منذ أول تواصل مع الشريك: تحصل على رقمها المرجعي، ثم تمر بمراحل التفاوض والمراجعة والتوقيع والاعتماد.
agreements-empty-text-reader = ستظهر هنا الاتفاقيات المتاح لك الاطلاع عليها حين يسجّلها موظفو الشراكات.
agreements-none-found = لا توجد اتفاقية تطابق معايير التصفية هذه
agreements-none-found-text = جرّب معايير أقل، أو كتابة أخرى، أو نطاقًا أوسع من التواريخ.
agreements-yes = نعم
agreements-no = لا

## اللوحة
agreements-board = لوحة مسار الاتفاقيات
agreements-board-lead = موقع كل اتفاقية في مسارها، من أول تواصل إلى دخولها حيز النفاذ.
agreements-board-table = العرض في جدول
agreements-board-total = { $count ->
    [0] لا توجد اتفاقية في هذه المراحل.
    [zero] لا توجد اتفاقية في هذه المراحل.
    [one] اتفاقية واحدة في هذه المراحل.
    [two] اتفاقيتان في هذه المراحل.
    [few] { $count } اتفاقيات في هذه المراحل.
    [many] { $count } اتفاقيةً في هذه المراحل.
   *[other] { $count } اتفاقية في هذه المراحل.
}
agreements-board-cards = { $count ->
    [zero] لا يعرض أي عمود بطاقات.
    [one] يعرض كل عمود بطاقته الأولى، والأقدم تعديلًا أولًا.
    [two] يعرض كل عمود بطاقتين على الأكثر، والأقدم تعديلًا أولًا.
    [few] يعرض كل عمود { $count } بطاقات على الأكثر، والأقدم تعديلًا أولًا.
    [many] يعرض كل عمود { $count } بطاقةً على الأكثر، والأقدم تعديلًا أولًا.
   *[other] يعرض كل عمود { $count } بطاقة على الأكثر، والأقدم تعديلًا أولًا.
}
agreements-board-column-empty = لا شيء في هذه المرحلة.
agreements-board-see-all = { $count ->
    [zero] العرض في القائمة
    [one] عرضها في القائمة
    [two] عرض الاتفاقيتين في القائمة
    [few] عرض الاتفاقيات الـ{ $count } في القائمة
    [many] عرض الـ{ $count } اتفاقيةً في القائمة
   *[other] عرض الـ{ $count } اتفاقية في القائمة
}
agreements-days-in-stage = { $count ->
    [0] دخلت هذه المرحلة اليوم
    [zero] دخلت هذه المرحلة اليوم
    [one] يوم واحد في هذه المرحلة
    [two] يومان في هذه المرحلة
    [few] { $count } أيام في هذه المرحلة
    [many] { $count } يومًا في هذه المرحلة
   *[other] { $count } يوم في هذه المرحلة
}

## النموذج
agreements-edit-title = تعديل { $reference }
agreements-form-lead = يُسنَد الرقم المرجعي عند إنشاء الاتفاقية، بحسب الوحدة المسؤولة والسنة.
agreements-title-hint = اكتب العنوان بلغة واحدة على الأقل؛ فاللغات الثلاث تساعد الزملاء والشركاء على العثور عليه.
agreements-partners-hint = جهة شريكة واحدة أو أكثر. الصق معرّف كل شريك، وتجده في آخر عنوان صفحته.
agreements-find-partner = البحث عن شريك (يُفتح في علامة تبويب جديدة)
agreements-partner-n = الشريك { $n }
agreements-confidential-hint = لن يطلع عليها إلا المسؤول عنها، ومراجعو سلسلتها، والإدارة العامة، ومديرو النظام.
agreements-auto-renew-hint = تُجدَّد في تاريخ انتهائها ما لم يتخذ أحد إجراءً قبل انقضاء مهلة الإشعار. تتطلب تاريخ انتهاء.
agreements-value-amount = المبلغ
field-value-currency = العملة
agreements-parent-hint = اختياري: معرّف الاتفاقية الإطارية التي تنفّذها هذه الاتفاقية.
field-ends-before = تنتهي قبل
field-ends-after = تنتهي بعد
field-partner-id = الشريك
error-not_a_number = اكتب عددًا صحيحًا.
error-not_a_framework = هذه الاتفاقية ليست اتفاقية إطارية.

## أعمالي
agreements-work-lead = المراجعات التي تنتظر قرارك، واتفاقياتك التي تحتاج إليك.
agreements-work-reviews = المراجعات المسندة إليّ
agreements-work-overdue = المراجعات المتأخرة
agreements-work-mine = اتفاقياتي التي تحتاج إلى إجراء
agreements-work-expiring = اتفاقياتي المنتهية خلال 90 يومًا
agreements-work-no-reviews = لا توجد مراجعة تنتظرك.
agreements-work-reviews-hint = تظهر هنا خطوات المراجعة الخاصة بدورك ({ $role }) حين تصل إليها اتفاقية.
agreements-work-reviews-hint-unit = تظهر هنا خطوات المراجعة الخاصة بدورك ({ $role }) ووحدتك ({ $unit }) حين تصل إليها اتفاقية.
agreements-work-step = الخطوة
agreements-work-step-n = الخطوة { $n }
agreements-work-opened = تاريخ الفتح
agreements-work-due = تاريخ الاستحقاق
agreements-work-days-overdue = { $count ->
    [0] مستحقة اليوم
    [zero] مستحقة اليوم
    [one] متأخرة يومًا واحدًا
    [two] متأخرة يومين
    [few] متأخرة { $count } أيام
    [many] متأخرة { $count } يومًا
   *[other] متأخرة { $count } يوم
}
agreements-work-days-left = { $count ->
    [0] مستحقة اليوم
    [zero] مستحقة اليوم
    [one] بقي يوم واحد
    [two] بقي يومان
    [few] بقيت { $count } أيام
    [many] بقي { $count } يومًا
   *[other] بقي { $count } يوم
}
agreements-work-todo = المطلوب
agreements-todo-negotiation = التفاوض مع الشريك على المسودة، ثم إحالتها إلى المراجعة.
agreements-todo-signature = ترتيب توقيع جميع الأطراف.
agreements-todo-validation = متابعة الاعتماد لدى الشؤون القانونية.
agreements-todo-expiring = تنتهي قريبًا: جدّدها أو عدّلها أو اتركها تنتهي.
agreements-work-no-mine = لا تحتاج أي من اتفاقياتك إلى إجراء الآن.
agreements-work-all-mine = جميع الاتفاقيات التي أتولاها

## مدد المراحل
agreements-cycle-times = مدد المراحل
agreements-cycle-lead = متوسط الأيام التي تقضيها الاتفاقيات في كل مرحلة قبل دخولها حيز النفاذ، لتعرف أين تتأخر.
agreements-cycle-overall = متوسط الأيام في كل مرحلة
agreements-cycle-days = { $days } يوم
agreements-cycle-hint = تُحتسب المراحل الجارية حتى اليوم.
agreements-cycle-by-kind = بحسب نوع الاتفاقية
agreements-cycle-by-unit = بحسب الوحدة المسؤولة
agreements-cycle-total = حتى الاعتماد
agreements-cycle-unit-days = متوسط الأيام
agreements-cycle-empty = لا توجد مدد مراحل بعد
agreements-cycle-empty-text = تظهر حين تنتقل الاتفاقيات بين مراحلها.

## الصفحة الرئيسية
agreements-home-by-status = الاتفاقيات بحسب المرحلة
agreements-home-all = { $count ->
    [zero] الاتفاقيات
    [one] الاتفاقية
    [two] الاتفاقيتان
    [few] الاتفاقيات الـ{ $count } كلها
    [many] الـ{ $count } اتفاقيةً كلها
   *[other] الـ{ $count } اتفاقية كلها
}
agreements-home-expiring = تنتهي خلال 90 يومًا
agreements-home-none-expiring = لا توجد اتفاقية سارية تنتهي خلال 90 يومًا.

## عناوين أعمدة التصدير
agreements-export-id = المعرّف
agreements-export-reference = الرقم المرجعي
agreements-export-title-ar = العنوان (بالعربية)
agreements-export-title-en = العنوان (بالإنجليزية)
agreements-export-title-fr = العنوان (بالفرنسية)
agreements-export-kind = النوع
agreements-export-status = الحالة
agreements-export-partners = الشركاء
agreements-export-lead-unit = الوحدة المسؤولة
agreements-export-owner = المسؤول
agreements-export-confidential = سرية
agreements-export-starts-on = تاريخ البدء
agreements-export-ends-on = تاريخ الانتهاء
agreements-export-entry-into-force = دخول حيز النفاذ
agreements-export-auto-renew = تجديد تلقائي
agreements-export-notice-days = مهلة الإشعار (بالأيام)
agreements-export-value = القيمة
agreements-export-currency = العملة
agreements-export-tags = الوسوم
agreements-export-registry-number = رقم القيد في السجل
agreements-export-created-at = تاريخ الإنشاء
agreements-export-updated-at = آخر تعديل
