## الإشعارات (الصفحة والجرس ورسائل الواجهة البرمجية والبريد) وموجز التقويم
notifications-title = الإشعارات
notifications-unread-count = { $count ->
    [0] لا توجد إشعارات غير مقروءة
    [zero] لا توجد إشعارات غير مقروءة
    [one] إشعار واحد غير مقروء
    [two] إشعاران غير مقروءين
    [few] { $count } إشعارات غير مقروءة
    [many] { $count } إشعارًا غير مقروء
   *[other] { $count } إشعار غير مقروء
}
notifications-total = { $count ->
    [0] لا توجد إشعارات
    [zero] لا توجد إشعارات
    [one] إشعار واحد
    [two] إشعاران
    [few] { $count } إشعارات
    [many] { $count } إشعارًا
   *[other] { $count } إشعار
}
notifications-show-all = عرض الكل
notifications-show-unread = غير المقروءة فقط
notifications-mark-all-read = تعليم الكل كمقروء
notifications-mark-read = تعليم كمقروء
notifications-read = مقروء
notifications-new = جديد
notifications-empty = لا توجد لديك إشعارات.
notifications-what = الإشعار
notifications-agreement = الاتفاقية
notifications-received = تاريخ الورود
notification-short-step_assigned = مرحلة مراجعة مسندة إليك
notification-short-step_overdue = مرحلة مراجعة متأخرة
notification-short-changes_requested = طُلبت تعديلات
notification-short-rejected = رُفضت الاتفاقية
notification-short-chain_cleared = اكتملت سلسلة المراجعة
notification-short-signed = وقّعت جميع الأطراف
notification-short-in_force = دخلت حيز النفاذ
notification-short-expiring = اقتراب انتهاء الاتفاقية
notification-short-notice_deadline = اقتراب أجل الإشعار
notification-short-expired = انتهت الاتفاقية
notification-short-renewed = تجديد تلقائي
notification-step_assigned = تنتظر مرحلة مراجعة قرارك، وآخر أجل لها { $date }.
notification-step_overdue = كان أجل مرحلة المراجعة { $date } ولا تزال مفتوحة.
notification-changes_requested = طلب المراجعون إدخال تعديلات، وعادت الاتفاقية إلى مرحلة التفاوض.
notification-rejected = رُفضت الاتفاقية أثناء المراجعة.
notification-chain_cleared = اكتملت سلسلة المراجعة، ويمكن الآن توقيع الاتفاقية.
notification-signed = وقّعت جميع الأطراف، والاتفاقية في انتظار الاعتماد.
notification-in_force = دخلت الاتفاقية حيز النفاذ في { $date }.
notification-expiring = تنتهي الاتفاقية في { $date } ({ $when }).
notification-notice_deadline = تتجدد الاتفاقية تلقائيًا في { $renewal }، وآخر أجل للإشعار بعدم التجديد هو { $date } ({ $when }).
notification-expired = انتهت الاتفاقية في { $date }.
notification-renewed = جُدّدت الاتفاقية تلقائيًا بالاتفاقية { $successor }.
notification-in-days = { $days ->
    [0] اليوم
    [zero] اليوم
    [one] غدًا
    [two] بعد يومين
    [few] بعد { $days } أيام
    [many] بعد { $days } يومًا
   *[other] بعد { $days } يوم
}
notification-comment = التعليق: «{ $comment }»
notification-mail-subject = [Accord] { $reference } — { $summary }
notification-mail-greeting = حضرة { $name }، تحية طيبة،
notification-mail-open = للاطلاع على الاتفاقية: { $url }
notification-mail-footer = تصلك هذه الرسالة بحكم دورك في هذه الاتفاقية. جميع إشعاراتك: { $url }
calendar-name = أكورد: { $name }
calendar-review-due = أجل المراجعة: { $reference }
calendar-signature = توقيع: { $reference }
calendar-entry-into-force = دخول حيز النفاذ: { $reference }
calendar-expiry = انتهاء: { $reference }
calendar-notice-deadline = أجل الإشعار بعدم التجديد: { $reference }
calendar-title = موجز التقويم
calendar-lead = اشترك في هذا العنوان من تطبيق التقويم لديك لتطّلع على آجال المراجعة والتوقيعات ومواعيد دخول الاتفاقيات حيز النفاذ وانتهائها وآجال الإشعار.
calendar-url-label = عنوان الموجز
calendar-private-hint = يستطيع كل من يعرف هذا العنوان قراءة الموجز، فاحرص على سريته.
calendar-reset = إعادة تعيين الرابط
calendar-reset-hint = يتوقف العنوان القديم عن العمل فورًا.
