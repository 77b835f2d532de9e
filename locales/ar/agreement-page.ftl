## صفحة الاتفاقية الواحدة ونماذجها
notice-agreement-moved = انتقلت الاتفاقية إلى مرحلتها الجديدة.
notice-review-decided = سُجِّل قرارك.
notice-review-chain-cleared = اكتملت سلسلة المراجعة بالموافقة: الاتفاقية الآن في انتظار التوقيعات.
notice-signature-recorded = سُجِّل التوقيع.
notice-signatures-complete = وقّعت جميع الأطراف: الاتفاقية الآن في انتظار اعتماد الشؤون القانونية.
notice-validation-recorded = سُجِّل الاعتماد. ستدخل الاتفاقية حيز النفاذ في التاريخ المحدد.
notice-agreement-in-force = سُجِّل الاعتماد: الاتفاقية سارية المفعول.
notice-agreement-comment-added = أُضيف تعليقك.

agreement-page-confidential = سرية
agreement-page-terms = الشروط
agreement-page-links = الاتفاقيات المرتبطة
agreement-page-no-links = لا ترتبط بهذه الاتفاقية اتفاقية إطارية ولا تعديل ولا تجديد.
agreement-page-amendments = التعديلات
agreement-page-renewals = جُدِّدت بموجب
agreement-page-consolidated = الشروط الموحدة
agreement-page-consolidated-hint = الشروط كما أصبحت بعد التعديلات السارية، مطبَّقةً بترتيب إبرامها.
agreement-page-set-by = حدّدها التعديل
agreement-page-original-terms = دون تغيير منذ الاتفاقية الأصلية
agreement-page-not-set = غير محدد
agreement-page-yes = نعم
agreement-page-no = لا
agreement-page-renews-with-notice = { $count ->
    [zero] نعم، ما لم يُقدَّم إشعار قبل انتهائها
    [one] نعم، ما لم يُقدَّم إشعار قبل انتهائها بيوم واحد
    [two] نعم، ما لم يُقدَّم إشعار قبل انتهائها بيومين
    [few] نعم، ما لم يُقدَّم إشعار قبل انتهائها بـ{ $count } أيام
    [many] نعم، ما لم يُقدَّم إشعار قبل انتهائها بـ{ $count } يومًا
   *[other] نعم، ما لم يُقدَّم إشعار قبل انتهائها بـ{ $count } يوم
}
agreement-page-days = { $count ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
agreement-page-less-than-a-day = أقل من يوم
agreement-page-organization-party = { $org } (المنظمة)

agreement-page-lifecycle = دورة الحياة
agreement-page-stage-done = مكتملة
agreement-page-stage-current = المرحلة الحالية
agreement-page-stage-todo = لم تُبلَغ بعد
agreement-page-stage-note-suspended = الاتفاقية سارية المفعول لكن تنفيذها معلّق.
agreement-page-stage-note-expired = بلغت الاتفاقية تاريخ انتهائها.
agreement-page-stage-note-completed = نُفِّذت الاتفاقية وأُغلقت.
agreement-page-stage-note-terminated = أُنهيت الاتفاقية قبل أجلها.
agreement-page-stage-note-withdrawn = سُحبت الاتفاقية؛ والمراحل الموسومة بأنها مكتملة هي التي مرّت بها.
agreement-page-actions = ما يمكنك فعله الآن
agreement-page-hint-no-draft = ارفع مسودة قبل إحالة الاتفاقية إلى المراجعة.
agreement-page-hint-reason = اذكر السبب: يُحفظ في السجل الزمني.
agreement-page-confirm-action = { $action }: تأكيد
agreement-page-not-allowed = لا يمكن «{ $action }» ما دامت الاتفاقية في مرحلة «{ $status }». ما يمكنك فعله الآن: { $allowed }.
agreement-page-not-allowed-none = لا يمكن «{ $action }» ما دامت الاتفاقية في مرحلة «{ $status }»، وليس لك أي إجراء في هذه المرحلة.
agreement-page-moved-meanwhile = غيّر شخص آخر هذه الاتفاقية في الأثناء. هذه حالتها الآن؛ تحقّق منها قبل أن تعيد المحاولة.

agreement-page-validation = الاعتماد
agreement-page-validation-hint = تسجّل الشؤون القانونية رقم القيد في سجل الاتفاقيات وتاريخ دخول حيز النفاذ. إذا كان هذا التاريخ اليوم أو قبله دخلت الاتفاقية حيز النفاذ فورًا، وإلا ففي ذلك التاريخ.
agreement-page-validation-date-hint = يُقترح تاريخ اليوم.
agreement-page-validate = تسجيل الاعتماد

agreement-page-chain = سلسلة المراجعة
agreement-page-chain-none = لم تُحَل الاتفاقية إلى المراجعة بعد.
agreement-page-cycle = الإحالة { $number }
agreement-page-cycle-cleared = وافقت عليها جميع المراحل
agreement-page-cycle-voided = توقفت قبل نهايتها
agreement-page-cycle-progress = الموافقة في { $cleared } من أصل { $total } من المراحل
agreement-page-any-unit = أي وحدة
agreement-page-step-open = في انتظار القرار
agreement-page-step-waiting = لم تُبلَغ بعد
agreement-page-step-voided = ملغاة
agreement-page-overdue = متأخرة
agreement-page-due = تاريخ الاستحقاق
agreement-page-decided-by = صاحب القرار
agreement-page-your-decision = قرارك
agreement-page-comment-hint = إلزامي عند طلب تعديلات أو الرفض: سيطّلع عليه مسؤول الشراكات.
agreement-page-comment-required = اذكر ما يجب تغييره، أو سبب الرفض.
agreement-page-record-decision = تسجيل قراري

agreement-page-drafts = المسودات
agreement-page-drafts-none = لم تُرفع أي مسودة بعد.
agreement-page-upload = رفع مسودة جديدة
agreement-page-version-n = النسخة { $number }
agreement-page-round-n = الجولة { $number }
agreement-page-direction-internal = داخلية
agreement-page-direction-to_partner = مُرسَلة إلى الشريك
agreement-page-direction-from_partner = واردة من الشريك
agreement-page-bytes = { $count ->
    [zero] { $count } بايت
    [one] بايت واحد
    [two] بايتان
    [few] { $count } بايتات
    [many] { $count } بايتًا
   *[other] { $count } بايت
}
agreement-page-kilobytes = { $count } ك.ب
agreement-page-compare = مقارنة نسختين
agreement-page-compare-from = النسخة الأقدم
agreement-page-compare-to = النسخة الأحدث
agreement-page-compare-button = عرض التغييرات

agreement-page-signatures = التوقيعات
agreement-page-signed = موقَّعة
agreement-page-not-signed = غير موقَّعة
agreement-page-sign-after-chain = يمكن تسجيل التوقيعات بعد اكتمال سلسلة المراجعة بالموافقة: لا توقّع المنظمة قبل موافقة الشؤون القانونية والإدارة العامة على الاتفاقية.
agreement-page-record-signature = تسجيل توقيع

agreement-page-comments = التعليقات
agreement-page-comments-none = لا توجد تعليقات بعد.
agreement-page-add-comment = تعليقك
agreement-page-comment-version = بشأن المسودة
agreement-page-no-version = الاتفاقية في مجملها
agreement-page-about-version = بشأن النسخة { $number }
agreement-page-post-comment = إضافة التعليق

agreement-page-timeline = السجل الزمني
agreement-page-event-details = التفاصيل
agreement-page-value = القيمة
agreement-page-stage-times = المدة المستغرقة في كل مرحلة
agreement-page-stage = المرحلة
agreement-page-time-spent = المدة
agreement-page-now = جارية
agreement-page-stays = { $count ->
    [zero] { $count } مرة
    [one] مرة واحدة
    [two] مرتان
    [few] { $count } مرات
    [many] { $count } مرة
   *[other] { $count } مرة
}
agreement-page-event-create = أنشأ الاتفاقية
agreement-page-event-update = عدّل الشروط
agreement-page-event-comment = علّق
agreement-page-event-add_draft_version = رفع مسودة
agreement-page-event-restart_review = أعاد بدء المراجعة بعد مسودة جديدة
agreement-page-event-review_decision = بتّ في مرحلة من المراجعة
agreement-page-event-review_decision-cleared = وافق على مرحلة من المراجعة
agreement-page-event-review_decision-changes_requested = طلب تعديلات في مرحلة من المراجعة
agreement-page-event-review_decision-rejected = رفض الاتفاقية في مرحلة من المراجعة
agreement-page-event-sign = سجّل توقيعًا
agreement-page-event-validate = سجّل الاعتماد
agreement-page-event-start_negotiation = بدأ التفاوض
agreement-page-event-submit_for_review = أحال الاتفاقية إلى المراجعة
agreement-page-event-recall_from_review = استرجع الاتفاقية من المراجعة
agreement-page-event-request_changes = أعاد الاتفاقية لإدخال تعديلات
agreement-page-event-reject = رفض الاتفاقية
agreement-page-event-clear_chain = وافق على آخر مرحلة من المراجعة: الاتفاقية في انتظار التوقيعات
agreement-page-event-complete_signatures = سجّل آخر توقيع: الاتفاقية في انتظار الاعتماد
agreement-page-event-enter_into_force = أدخل الاتفاقية حيز النفاذ
agreement-page-event-withdraw = سحب الاتفاقية
agreement-page-event-reopen = أعاد فتح الاتفاقية
agreement-page-event-suspend = علّق الاتفاقية
agreement-page-event-resume = استأنف الاتفاقية
agreement-page-event-terminate = أنهى الاتفاقية
agreement-page-event-revert_termination = ألغى إنهاء الاتفاقية
agreement-page-event-complete = وسم الاتفاقية بأنها منفَّذة
agreement-page-event-expire = سجّل انتهاء الاتفاقية
agreement-page-event-document_added = أرفق وثيقة بالاتفاقية
agreement-page-documents = الوثائق
agreement-page-documents-hint = النسخ الموقعة وإشعار الإنهاء ووثائق التصديق والتفويض الكامل، محفوظة مع الاتفاقية.
agreement-page-documents-none = لا توجد وثائق بعد. أضف النسخة الموقعة بعد توقيع الاتفاقية.
agreement-page-add-document = إضافة الوثيقة
agreement-page-document-types = نسخ ممسوحة بصيغة PDF أو PNG أو JPEG، أو Word أو OpenDocument أو نص؛ حتى 20 ميغابايت.
agreement-page-no-signed-copy = لا توجد نسخة بعد
agreement-page-signed-copy-hint = أضف النسخة الممسوحة في قسم الوثائق أولًا، ثم اخترها هنا.
field-purpose = الغرض
field-signed-copy = النسخة الموقعة
document-purpose-signed_copy = نسخة موقعة
document-purpose-termination = إشعار الإنهاء
document-purpose-ratification = وثيقة التصديق
document-purpose-full_powers = تفويض كامل أو إنابة
document-purpose-other = وثيقة أخرى
notice-document-added = حُفظت الوثيقة مع الاتفاقية.
error-unknown_file = لا توجد وثيقة لهذه الاتفاقية بهذا الملف.
