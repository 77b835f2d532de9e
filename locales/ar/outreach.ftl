# حملة استقطاب الدول غير الأعضاء بصفة مراقب: اللوحة والقمع وصفحة الملف والنماذج.
nav-outreach = الاستقطاب
notice-outreach-moved = انتقل الملف إلى مرحلته الجديدة.
outreach-title = حملة استقطاب الدول المراقبة
outreach-lead = الدول غير الأعضاء التي يجري التواصل معها للانضمام بصفة مراقب، حسب المرحلة. افتح ملفًا لنقله.
outreach-board = لوحة الحملة
outreach-new = ملف استقطاب جديد
outreach-empty = لا توجد ملفات بعد
outreach-empty-text = افتح ملفًا لدولة غير عضو لمتابعة التواصل معها حتى قبولها.
outreach-column-empty = لا يوجد ملف في هذه المرحلة.
outreach-total = { $count ->
    [0] لا توجد ملفات.
    [zero] لا توجد ملفات.
    [one] ملف واحد.
    [two] ملفان.
    [few] { $count } ملفات.
    [many] { $count } ملفًا.
   *[other] { $count } ملف.
}
outreach-overdue = متأخر
outreach-since = منذ { $date }
outreach-days = { $days } يومًا
outreach-funnel = القمع
outreach-funnel-hint = عدد الملفات في كل مرحلة الآن، والمدة الوسيطة بين مرحلة والتي تليها.
outreach-funnel-table = الملفات حسب المرحلة
outreach-steps-title = الأيام الوسيطة بين المراحل المتتالية
outreach-step = الخطوة
outreach-cases = الملفات
outreach-median = الوسيط
outreach-stage-identified = محددة
outreach-stage-approached = جرى التواصل
outreach-stage-engaged = في حوار
outreach-stage-applied = قدّمت الطلب
outreach-stage-under_consideration = قيد الدراسة
outreach-stage-admitted = مقبولة
outreach-stage-declined = رفضت
outreach-stage-on_hold = معلّقة
outreach-field-stage = المرحلة
outreach-field-country = الدولة
outreach-field-mission = البعثة الدبلوماسية
outreach-field-owner = المسؤول
outreach-field-next-action = الإجراء التالي
outreach-field-next-action-on = تاريخ الإجراء التالي
outreach-field-notes = ملاحظات
outreach-country-hint = لا يمكن فتح ملف إلا لدولة غير عضو.
outreach-mission-hint = شريك من نوع «بعثة دبلوماسية».
outreach-edit-title = تعديل ملف { $country }
outreach-duplicate-title = لهذه الدولة ملف مفتوح بالفعل
outreach-duplicate-text = لكل دولة ملف مفتوح واحد في الوقت نفسه. تابع الملف المفتوح.
outreach-duplicate-open = فتح الملف الحالي
outreach-country-page = صفحة الدولة
outreach-path = المسار نحو صفة المراقب
outreach-none-yet = غير محدد
outreach-move-title = نقل الملف
outreach-move = نقل
outreach-move-to = المرحلة الجديدة
outreach-move-on = بتاريخ
outreach-move-reason = السبب
outreach-reason-optional = السبب اختياري لهذه التنقلات.
outreach-reason-needed = يلزم ذكر سبب للانتقال إلى: { $stages }.
outreach-admit-hint = الانتقال إلى «مقبولة» يجعل الدولة مراقبًا اعتبارًا من التاريخ المحدد.
outreach-stages-title = سجل المراحل
outreach-interactions-title = المراسلات والاجتماعات
outreach-interactions-placeholder = لم تُسجَّل أي مراسلة أو اجتماع لهذا الملف بعد. سجّل أولها بالزر أعلاه.
error-not_a_non_member = هذه الدولة عضو أو مراقب بالفعل.
error-not_a_mission = هذا الشريك ليس بعثة دبلوماسية.
error-before_stage_start = هذا التاريخ يسبق دخول الملف مرحلته الحالية.
error-in_future = هذا التاريخ في المستقبل.
error-outreach_open_case_exists = لهذه الدولة ملف مفتوح آخر.
field-opened-on = تاريخ الفتح
apidocs-tag-outreach = الاستقطاب
outreach-membership-note = تغيّر بنقل ملف الاستقطاب
outreach-filters = تصفية الملفات
