## Administration: sub-navigation
admin-nav-label = إدارة النظام
admin-nav-users = المستخدمون
admin-nav-units = الوحدات
admin-nav-countries = الدول

## Administration: users
admin-users-title = المستخدمون
admin-users-count = { $count ->
    [0] لا يوجد مستخدمون
    [zero] لا يوجد مستخدمون
    [one] مستخدم واحد
    [two] مستخدمان
    [few] { $count } مستخدمين
    [many] { $count } مستخدمًا
   *[other] { $count } مستخدم
}
admin-users-add = إضافة مستخدم
admin-users-new-title = إضافة مستخدم
admin-users-edit-title = تعديل { $name }
admin-users-empty = لا يوجد مستخدمون بعد.
admin-users-back = جميع المستخدمين
admin-users-disabled = معطَّل
admin-users-enabled = نشط
admin-col-unit-or-organization = الوحدة أو المنظمة
admin-unit-hint = إلزامي لجهات الاتصال الفنية: القطاع أو المركز أو الإدارة التي يتولون المراجعة لحسابها.
admin-field-lang = اللغة
admin-lang-default = حسب لغة المتصفح
admin-field-organization = المنظمة الشريكة (المعرّف)
admin-organization-hint = لمستخدمي الجهات الشريكة فقط: معرّف منظمتهم كما يظهر في عنوان صفحة الشريك.
admin-field-disabled = معطَّل
admin-disabled-hint = لا يمكن للمستخدم المعطَّل تسجيل الدخول، وتتوقف جلساته ورموز الوصول للواجهة البرمجية الخاصة به عن العمل فورًا.
admin-field-initial-password = كلمة المرور الأولية
admin-field-reset-password = كلمة المرور الجديدة
admin-reset-password-hint = اتركه فارغًا للإبقاء على كلمة المرور الحالية. يؤدي تعيين كلمة مرور جديدة إلى إنهاء جلسات المستخدم.

## Administration: units
admin-units-title = الوحدات
admin-units-count = { $count ->
    [0] لا توجد وحدات
    [zero] لا توجد وحدات
    [one] وحدة واحدة
    [two] وحدتان
    [few] { $count } وحدات
    [many] { $count } وحدة
   *[other] { $count } وحدة
}
admin-units-add = إضافة وحدة
admin-units-edit-title = تعديل الوحدة { $code }
admin-units-back = جميع الوحدات
admin-units-users = المستخدمون
admin-units-inactive = غير نشطة
admin-field-code = الرمز
admin-code-hint = حروف وأرقام وشرطات، 12 على الأكثر (مثل ED). لا يمكن تغييره لاحقًا.
admin-field-active = نشطة
admin-active-hint = تظل الوحدات غير النشطة ظاهرة في القيود السابقة، لكنها لم تعد متاحة للمستخدمين الجدد.
admin-unit-kind-sector = قطاع
admin-unit-kind-centre = مركز
admin-unit-kind-department = إدارة
admin-unit-kind-directorate = مديرية

## Countries and membership
countries-title = الدول
countries-lead = جميع الدول، مع وضع عضوية كل منها في المنظمة.
countries-count = { $count ->
    [0] لا توجد دول
    [zero] لا توجد دول
    [one] دولة واحدة
    [two] دولتان
    [few] { $count } دول
    [many] { $count } دولة
   *[other] { $count } دولة
}
countries-counts-label = الدول حسب العضوية
countries-banner-title = لم يتم التحقق من قائمة العضوية بعد
countries-banner-text = حالات العضوية المرفقة بنظام Accord مأخوذة من قائمة عامة، وقد لا تكون محدَّثة. { $count ->
    [zero] ولا توجد أي دولة موسومة بعبارة «غير مُتحقَّق منها».
    [one] وقد وُسِمت دولة واحدة بعبارة «غير مُتحقَّق منها» إلى أن يؤكد مسؤول النظام حالتها.
    [two] وقد وُسِمت دولتان بعبارة «غير مُتحقَّق منها» إلى أن يؤكد مسؤول النظام حالتيهما.
    [few] وقد وُسِمت { $count } دول بعبارة «غير مُتحقَّق منها» إلى أن يؤكد مسؤول النظام حالاتها.
    [many] وقد وُسِمت { $count } دولة بعبارة «غير مُتحقَّق منها» إلى أن يؤكد مسؤول النظام حالاتها.
   *[other] وقد وُسِمت { $count } دولة بعبارة «غير مُتحقَّق منها» إلى أن يؤكد مسؤول النظام حالاتها.
}
countries-stat-unverified = حالات غير مُتحقَّق منها
countries-field-verification = التحقق
countries-verified-only = المُتحقَّق منها فقط
countries-unverified-only = غير المُتحقَّق منها فقط
countries-none-found = لا توجد دولة تطابق عوامل التصفية هذه
countries-col-code = الرمز
countries-iso-codes = رموز ISO
countries-oic = عضو في منظمة التعاون الإسلامي
countries-yes = نعم
countries-no = لا
countries-verified = مُتحقَّق منها
countries-unverified = غير مُتحقَّق منها
countries-field-since = تاريخ السريان
countries-since = منذ { $date }
countries-since-unknown = التاريخ غير مسجَّل
countries-since-hint = تاريخ سريان الحالة، إن كان معروفًا.
countries-partners-link = عرضهم في قائمة الشركاء
countries-change-title = تغيير العضوية
countries-field-verified = تحقق منها مسؤول النظام
countries-field-note = ملاحظة
countries-note-hint = مصدر المعلومة: قرار، أو رسالة، أو إشعار.
countries-confirm = تأكيد التحقق
countries-confirm-hint = الحالة والتاريخ المعروضان صحيحان.
countries-history-title = سجل العضوية

## Errors of the administration forms
error-only_for_partners = لا ينتمي إلى منظمة إلا مستخدمو الجهات الشريكة.
error-cannot_lock_out_self = لا يمكنك تعطيل حسابك ولا إلغاء دور مسؤول النظام الخاص بك.
error-read_only = لا يمكن تغيير هذا الحقل.
