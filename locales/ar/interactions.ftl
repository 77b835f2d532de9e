# سجل المراسلات وقصة الشريك والتناوب الدبلوماسي.
nav-interactions = المراسلات
apidocs-tag-interactions = التواصل
interactions-new = تسجيل تواصل
interactions-log = تسجيل تواصل
interactions-edit-title = تعديل «{ $subject }»
interactions-count = { $count ->
    [0] لا يوجد تواصل
    [zero] لا يوجد تواصل
    [one] تواصل واحد
    [two] تواصلان
    [few] { $count } حالات تواصل
    [many] { $count } حالة تواصل
   *[other] { $count } حالة تواصل
}
interactions-open-count = { $count ->
    [zero] لا شيء مفتوح
    [one] إجراء مفتوح
    [two] إجراءان مفتوحان
    [few] { $count } إجراءات مفتوحة
    [many] { $count } إجراءً مفتوحًا
   *[other] { $count } إجراء مفتوح
}
interactions-overdue-count = { $count ->
    [zero] لا شيء متأخر
    [one] إجراء متأخر
    [two] إجراءان متأخران
    [few] { $count } إجراءات متأخرة
    [many] { $count } إجراءً متأخرًا
   *[other] { $count } إجراء متأخر
}
interactions-see-all = { $count ->
    [0] السجل كاملًا
    [zero] السجل كاملًا
    [one] عرض التواصل الوحيد
    [two] عرض حالتي التواصل
    [few] عرض { $count } حالات تواصل
    [many] عرض { $count } حالة تواصل
   *[other] عرض { $count } حالة تواصل
}
interactions-months = { $count ->
    [zero] لا شهور
    [one] شهر واحد
    [two] شهران
    [few] { $count } أشهر
    [many] { $count } شهرًا
   *[other] { $count } شهر
}
interactions-search-hint = كلمات من الموضوع أو الملخص أو رقم القيد، بأي كتابة؛ لا أهمية للتشكيل والهمزات.
interactions-any = الكل
interactions-from = من
interactions-to = إلى
interactions-show = عرض
interactions-yes = نعم
interactions-no = لا
interactions-export-csv = تصدير CSV
interactions-export-xlsx = تصدير Excel
interactions-filtered-by-partner = التواصل مع
interactions-none-found = لا يوجد تواصل مطابق
interactions-none-found-text = جرّب كلمات أقل أو امسح عوامل التصفية.
interactions-empty-title = لم يُسجَّل أي تواصل بعد
interactions-empty-text = سجّل هنا الاجتماعات والمكالمات والرسائل والمذكرات الشفوية مع إجراءات المتابعة، ليعرف الجميع أين تقف كل علاقة.
interactions-field-kind = النوع
interactions-field-direction = الاتجاه
interactions-field-occurred-at = التاريخ
interactions-field-subject = الموضوع
interactions-field-summary = الملخص
interactions-field-sender-reference = مرجع المرسل
interactions-field-registry-number = رقم القيد
interactions-field-partners = الشركاء
interactions-field-contacts = جهات الاتصال
interactions-field-staff = الموظفون المشاركون
interactions-field-agreements = الاتفاقيات
interactions-field-visible-to = مُشارَك مع
interactions-field-confidential = سري
interactions-field-follow-ups = إجراءات المتابعة
interactions-field-open-follow-ups = المتابعات المفتوحة
interactions-field-action = الإجراء
interactions-field-owner-id = المسؤول
interactions-field-due-on = تاريخ الاستحقاق
interactions-field-created-by = سجّله
interactions-field-outreach-case-id = ملف الاستقطاب
interactions-field-body = الاستمارة
interactions-follow-up-field = المتابعة { $number }: { $field }
interactions-follow-up-legend = المتابعة { $number }
interactions-follow-up-new = متابعة جديدة
interactions-follow-ups-hint = إجراء يجب أن يتخذه أحد بعد هذا التواصل. تُهمل الصفوف الفارغة.
interactions-registry-hint = تحصل الرسائل والمذكرات الشفوية الصادرة على الرقم التالي في سجل القيد.
interactions-sender-reference-hint = للرسائل والمذكرات الشفوية الواردة: المرجع الذي وضعه المرسل.
interactions-partners-hint = معرّف الشريك، من صفحة الشريك.
interactions-find-partner = البحث عن شريك
interactions-partner-n = الشريك { $n }
interactions-contacts-hint = اذكر شريكًا أعلاه ثم احفظ، أو ابدأ من صفحة الشريك، لتختار من بين أشخاصه.
interactions-agreements-hint = تظهر هنا اتفاقيات الشركاء المذكورين أعلاه.
interactions-multiple-hint = اضغط Ctrl (أو ⌘) لاختيار أكثر من واحد.
interactions-visible-hint = للتواصل السري فقط: من يمكنه قراءته أيضًا.
interactions-confidential-hint = لا يراه إلا أنت والموظفون المشاركون ومن شورك معهم ومسؤولو المتابعات والمدير العام والمشرفون.
interactions-no-owner = بلا مسؤول
interactions-no-follow-ups = لا توجد إجراءات متابعة.
interactions-done = منجز
interactions-overdue = متأخر
interactions-mark-done = وضع علامة الإنجاز
interactions-reopen = إعادة فتح
interactions-story-title = العلاقة
interactions-story-agreement = اتفاقية
interactions-story-empty = لم يُسجَّل شيء مع هذا الشريك بعد: سجّل أول تواصل.
interactions-timeline = التسلسل الزمني
interactions-open-follow-ups = المتابعات المفتوحة
interactions-health-good = سليمة
interactions-health-watch = تحتاج انتباهًا
interactions-health-alert = معرّضة للخطر
interactions-health-days-since = أيام منذ آخر تواصل
interactions-health-overdue = إجراءات متأخرة
interactions-health-open = إجراءات مفتوحة
interactions-health-active = اتفاقيات سارية
interactions-health-expiring = تنتهي خلال 90 يومًا
interactions-dormant-title = شركاء بلا تواصل
interactions-dormant-lead = { $count } من الشركاء بلا تواصل منذ { $since }.
interactions-dormant-months = بلا تواصل منذ
interactions-dormant-none = جرى التواصل مع كل الشركاء مؤخرًا
interactions-dormant-none-text = اختر مدة أقصر لترى من طال انقطاع التواصل معهم.
interactions-last-contact = آخر تواصل
interactions-never = أبدًا
interactions-my-follow-ups = متابعاتي
interactions-my-follow-ups-none = لا توجد متابعة مفتوحة مسندة إليك.
interactions-open-items-title = ملفات مفتوحة لإعادة الإسناد
interactions-open-items-none = لا يوجد ملف مفتوح يذكر هذا الشخص.
interactions-open-items-hint = عندما يغادر هذا الشخص منصبه، أسند هذه الملفات إلى خلفه.
interactions-open-agreements = اتفاقيات قيد الإعداد
interactions-open-outreach = ملفات الاستقطاب
interactions-open-reason-party = جهته طرف فيها
interactions-open-reason-signatory = وقّعها
interactions-end-position = إنهاء هذا المنصب
interactions-end-on = اليوم الأخير
interactions-successor = الخلف
interactions-successor-hint = يتولى الخلف المنصب نفسه من اليوم التالي، وستذكره المتابعات المفتوحة التي تذكر هذا الشخص.
interactions-successor-new = أضف شخصًا جديدًا أولًا
interactions-no-successor = لا خلف بعد
interaction-kind-meeting = اجتماع
interaction-kind-call = مكالمة
interaction-kind-email = بريد إلكتروني
interaction-kind-letter = رسالة
interaction-kind-note_verbale = مذكرة شفوية
interaction-kind-visit = زيارة
interaction-kind-mission = مهمة
interaction-kind-ceremony = حفل
interaction-kind-event = فعالية
interaction-direction-incoming = وارد
interaction-direction-outgoing = صادر
interaction-direction-internal = داخلي
calendar-follow-up = متابعة: { $action }
notification-short-follow_up_due = متابعة مستحقة اليوم
notification-short-follow_up_overdue = متابعة متأخرة
action-follow_up_done = أنجز متابعة
action-follow_up_reopened = أعاد فتح متابعة
action-reroute = أعاد الإسناد إلى الخلف
action-end_position = أنهى منصبًا
action-succeed = تولّى منصبًا
error-not_for_outgoing = المراسلات الواردة وحدها لها مرجع مرسل.
error-invalid_datetime = تاريخ ووقت غير صالحين.
error-unknown_contact = جهة اتصال غير موجودة.
error-unknown_outreach_case = ملف استقطاب غير موجود.
error-already_ended = كان المنصب قد انتهى قبل ذلك التاريخ.
