## Shell and navigation
skip-to-content = الانتقال إلى المحتوى
nav-label = القائمة الرئيسية
nav-home = الرئيسية
nav-partners = الشركاء
nav-contacts = جهات الاتصال
nav-countries = الدول
nav-admin = إدارة النظام
nav-api = الواجهة البرمجية (API)
logout = تسجيل الخروج
footer-text = Accord — الشراكات والاتفاقيات والتواصل.
back-home = العودة إلى الصفحة الرئيسية
back = رجوع
actions = الإجراءات
details = التفاصيل
edit = تعديل
save = حفظ
cancel = إلغاء
search = بحث
search-hint = أي اسم بالعربية أو الإنجليزية أو الفرنسية، ولا عبرة بالحركات ولا بعلامات النبر.
filter = تصفية
clear = مسح عوامل التصفية
any = الكل
none = لا شيء
choose = اختر…
created = تاريخ الإنشاء
updated = تاريخ التحديث
pages = الصفحات
first-page = الصفحة الأولى
next-page = الصفحة التالية
showing-of = عرض { $shown } من أصل { $total }
filters-ignored = تم تجاهل بعض عوامل التصفية
errors-title = { $count ->
    [zero] لا توجد حقول تحتاج إلى تصحيح
    [one] يرجى تصحيح حقل واحد
    [two] يرجى تصحيح حقلين
    [few] يرجى تصحيح { $count } حقول
    [many] يرجى تصحيح { $count } حقلًا
   *[other] يرجى تصحيح { $count } حقل
}

## Languages
lang-ar = العربية
lang-en = الإنجليزية
lang-fr = الفرنسية

## Months (short)
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## Notices after an action
notice-created = تم الإنشاء.
notice-saved = تم الحفظ.
notice-merged = تم دمج الشريكين.
notice-token-created = يظهر أدناه رمز الوصول للواجهة البرمجية الجديد الخاص بك.
notice-password-changed = تم تغيير كلمة المرور. يرجى تسجيل الدخول من جديد.
notice-user-created = تم إنشاء المستخدم.
notice-logged-out = تم تسجيل خروجك.
notice-revoked = تم إبطال الرمز.

## Log-in
login-title = تسجيل الدخول
login-lead = النظام المرجعي لسجلات مكتب الشراكات.
login-button = تسجيل الدخول
login-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
login-throttled = { $minutes ->
    [zero] تجاوزت عدد المحاولات الفاشلة المسموح به. يرجى إعادة المحاولة لاحقًا.
    [one] تجاوزت عدد المحاولات الفاشلة المسموح به. يرجى إعادة المحاولة بعد دقيقة واحدة.
    [two] تجاوزت عدد المحاولات الفاشلة المسموح به. يرجى إعادة المحاولة بعد دقيقتين.
    [few] تجاوزت عدد المحاولات الفاشلة المسموح به. يرجى إعادة المحاولة بعد { $minutes } دقائق.
    [many] تجاوزت عدد المحاولات الفاشلة المسموح به. يرجى إعادة المحاولة بعد { $minutes } دقيقة.
   *[other] تجاوزت عدد المحاولات الفاشلة المسموح به. يرجى إعادة المحاولة بعد { $minutes } دقيقة.
}

## Profile and tokens
profile-title = ملفي الشخصي
profile-account = الحساب
profile-password = كلمة المرور
profile-change-password = تغيير كلمة المرور
password-hint = { $min ->
    [zero] لا يوجد حد أدنى لعدد الأحرف.
    [one] حرف واحد على الأقل.
    [two] حرفان على الأقل.
    [few] { $min } أحرف على الأقل.
    [many] { $min } حرفًا على الأقل.
   *[other] { $min } حرف على الأقل.
}
tokens-title = رموز الوصول الشخصية للواجهة البرمجية
tokens-lead = يتيح الرمز لبرنامجٍ ما استخدام واجهة JSON البرمجية باسمك. أرسله في الترويسة «Authorization: Bearer» متبوعًا بالرمز.
tokens-copy-now = انسخ هذا الرمز الآن، إذ لن يُعرض مرة أخرى.
tokens-name = اسم الرمز
tokens-create = إنشاء رمز
tokens-created = تاريخ الإنشاء
tokens-last-used = آخر استخدام
tokens-revoke = إبطال
tokens-revoked = مُبطَل

## Roles
role-admin = مسؤول النظام
role-officer = مسؤول الشراكات
role-legal = الشؤون القانونية
role-technical = جهة الاتصال الفنية
role-director = الإدارة العامة
role-finance = الشؤون المالية
role-viewer = مُطّلِع
role-partner = شريك

## Fields
field-name = الاسم
field-email = البريد الإلكتروني
field-password = كلمة المرور
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-role = الدور
field-unit = الوحدة
field-acronym = الاسم المختصر
field-kind = النوع
field-country = الدولة
field-parent-id = الجهة الأم
field-status = الحالة
field-website = الموقع الإلكتروني
field-phone = الهاتف
field-identifiers = المعرّفات
field-tags = الوسوم
field-tag = الوسم
field-risk = مستوى المخاطر
field-notes = ملاحظات
field-membership = العضوية
field-q = بحث
field-sort = الترتيب
field-cursor = الصفحة
field-limit = عدد العناصر في الصفحة
field-version = الإصدار
field-from = الشريك المراد دمجه
field-name-alt = الاسم بكتابة أخرى
field-honorific = اللقب
field-languages = اللغات
field-positions = المناصب
field-body = متن الطلب
name-hint = أدخل الاسم بلغة واحدة على الأقل؛ فذكره باللغات الثلاث يساعد الزملاء على العثور عليه.
tags-hint = افصل بين الوسوم بفواصل.
identifiers-hint = معرّف واحد في كل سطر، بالصيغة «المخطط: القيمة»، مثل «iati: XM-DAC-41304».

## Partner kinds
kind-government = حكومة أو وزارة
kind-national_commission = لجنة وطنية
kind-diplomatic_mission = بعثة دبلوماسية
kind-intergovernmental = منظمة حكومية دولية أو هيئة تابعة للأمم المتحدة
kind-regional_organization = منظمة إقليمية
kind-ngo = منظمة غير حكومية
kind-academic = جامعة أو مركز بحثي
kind-private_sector = شركة خاصة
kind-foundation = مؤسسة أو جهة مانحة
kind-media = وسيلة إعلام

## Partner statuses
status-prospect = محتمل
status-active = نشط
status-dormant = خامل
status-blocked = محظور

## Risk
risk-low = منخفض
risk-medium = متوسط
risk-high = مرتفع

## Membership
membership-member = دولة عضو
membership-observer = دولة مراقب
membership-non_member = دولة غير عضو

## Signing authority
authority-none = لا صلاحية للتوقيع
authority-full_powers = تفويض كامل
authority-delegation = تفويض جزئي

## Partners
partners-new = شريك جديد
partners-count = { $count ->
    [0] لا يوجد شركاء
    [zero] لا يوجد شركاء
    [one] شريك واحد
    [two] شريكان
    [few] { $count } شركاء
    [many] { $count } شريكًا
   *[other] { $count } شريك
}
partners-edit-title = تعديل { $name }
partners-empty-title = لا يوجد شركاء بعد
partners-empty-text = سجّل الجهات التي تتعامل معها: الوزارات، واللجان الوطنية، والبعثات، وهيئات الأمم المتحدة، والجامعات، والمنظمات غير الحكومية، والجهات المانحة.
partners-none-found = لا يوجد شريك يطابق عوامل التصفية هذه
partners-none-found-text = جرّب عددًا أقل من عوامل التصفية أو كتابة أخرى للاسم.
partners-children = المنظمات الأعضاء والفروع
partners-col-name = الاسم
partners-col-country = الدولة
partners-col-kind = النوع
partners-col-status = الحالة
partners-col-updated-at = آخر تعديل
export-csv = تصدير CSV
export-xlsx = تصدير Excel
duplicates-title = قد يكون هذا الشريك مسجّلًا من قبل
duplicates-text = لهؤلاء الشركاء أسماء متقاربة. افتحها للتحقق، أو أكّد أن الأمر يتعلق بجهة مختلفة.
duplicates-confirm = إنها جهة مختلفة: أنشئها رغم ذلك
conflict-title = عدّل مستخدم آخر هذا القيد
conflict-text = عُدّل هذا القيد بعد أن فتحته. قيمك محفوظة أدناه: راجع القيد الحالي، ثم احفظ مرة أخرى لاستبداله.
conflict-see-current = عرض القيد الحالي (في علامة تبويب جديدة)
merge = دمج شريك مكرر
merge-title = دمج شريك مكرر في { $name }
merge-lead = سيختفي الشريك الذي تختاره: تنتقل جهات اتصاله وفروعه ومستخدموه وسجله إلى هنا، وتُستكمل ببياناته البيانات الناقصة لهذا الشريك.
merge-search = البحث عن الشريك المكرر
merge-none = لم يُعثر على شريك يُرجَّح أنه مكرر. ابحث بالاسم أعلاه.
merge-candidates = الشركاء المرشحون
merge-into-this = دمجه في هذا الشريك
merge-confirm = هل تريد دمج هذا الشريك في الشريك الحالي؟ لا يمكن التراجع عن هذه العملية.
contacts-add = إضافة جهة اتصال
contacts-current = الأشخاص
contacts-none-current = لا أحد يشغل منصبًا هنا حاليًا.
contacts-past = المناصب السابقة
position-now = حتى الآن
position-ended = منتهٍ

## Home
home-welcome = مرحبًا، { $name }
home-lead = لمحة عامة عن سجل الشركاء.
home-active-partners = الشركاء النشطون
home-member-states = الدول الأعضاء
home-partners-by-kind = الشركاء حسب النوع

## History
history-title = السجل
history-empty = لم يُسجَّل أي تغيير بعد.
history-system = النظام
history-field = الحقل
history-before = قبل
history-after = بعد
history-changes = { $count ->
    [zero] لا توجد تغييرات
    [one] تغيير واحد
    [two] تغييران
    [few] { $count } تغييرات
    [many] { $count } تغييرًا
   *[other] { $count } تغيير
}
action-create = أنشأ القيد
action-update = عدّل القيد
action-merge = دمج قيدًا مكررًا في هذا القيد
action-merged_into = دمج هذا القيد في قيد آخر
action-login = سجّل الدخول
action-set_language = غيّر اللغة
action-set_password = غيّر كلمة المرور
action-create_token = أنشأ رمز وصول للواجهة البرمجية
action-revoke_token = أبطل رمز وصول للواجهة البرمجية
action-update_membership = عدّل العضوية
action-load = حمّل البيانات المرجعية

## Export headers
export-id = المعرّف
export-name-ar = الاسم (بالعربية)
export-name-en = الاسم (بالإنجليزية)
export-name-fr = الاسم (بالفرنسية)
export-acronym = الاسم المختصر
export-kind = النوع
export-country = الدولة
export-status = الحالة
export-website = الموقع الإلكتروني
export-email = البريد الإلكتروني
export-phone = الهاتف
export-tags = الوسوم
export-risk = مستوى المخاطر
export-identifiers = المعرّفات
export-notes = ملاحظات
export-created-at = تاريخ الإنشاء
export-updated-at = آخر تعديل

## Errors (codes of the API and the forms)
error-title-400 = طلب غير صالح
error-title-403 = غير مسموح
error-title-404 = غير موجود
error-title-409 = تعارض
error-title-422 = مدخلات غير صالحة
error-title-500 = حدث خطأ ما
error-not_found = لا يوجد شيء هنا، أو ليست لديك صلاحية الاطلاع عليه.
error-forbidden = لا يسمح دورك بهذا الإجراء.
error-unauthorized = يرجى تسجيل الدخول، أو إرسال رمز وصول صالح للواجهة البرمجية.
error-csrf_failed = انتهت صلاحية النموذج أو لم يصدر عن Accord. أعد تحميل الصفحة وحاول مرة أخرى.
error-validation_failed = بعض الحقول غير صالحة.
error-version_conflict = عدّل مستخدم آخر هذا القيد منذ اطلاعك عليه.
error-duplicate = هذه القيمة مستخدمة من قبل.
error-internal_error = حدث خطأ داخلي، وقد سُجّل.
error-malformed_json = متن الطلب ليس بصيغة JSON صالحة.
error-expected_object = يجب أن يكون متن الطلب كائن JSON.
error-unsupported_media_type = أرسل متن الطلب بصيغة application/json.
error-method_not_allowed = هذه الطريقة غير مسموح بها هنا.
error-not_ready = قاعدة البيانات لا تستجيب.
error-required = حقل إلزامي.
error-too_long = النص طويل جدًا.
error-too_many = عدد القيم كبير جدًا.
error-invalid_choice = ليست من القيم المسموح بها.
error-invalid_email = عنوان بريد إلكتروني غير صالح.
error-invalid_url = عنوان ويب غير صالح (يجب أن يبدأ بـ https://).
error-invalid_phone = رقم هاتف غير صالح.
error-invalid_date = تاريخ غير صالح (بالصيغة YYYY-MM-DD).
error-invalid_country = ليس رمز دولة (حرفان، مثل MA).
error-unknown_country = دولة غير موجودة.
error-invalid_tag = يتكون الوسم من 1 إلى 40 حرفًا، دون فواصل.
error-invalid_identifier = اكتب كل معرّف بالصيغة «المخطط: القيمة».
error-invalid_id = معرّف غير صالح.
error-invalid_language = ليس رمز لغة (حرفان، مثل ar).
error-invalid_type = نوع القيمة غير صحيح.
error-invalid_sort = لا يمكن الترتيب حسب هذا الحقل.
error-invalid_cursor = رابط الصفحة هذا لم يعد صالحًا.
error-invalid_code = استخدم الحروف والأرقام والشرطات (12 حرفًا على الأكثر).
error-unknown_field = حقل غير معروف.
error-unknown_parameter = معامل غير معروف.
error-unknown_partner = شريك غير موجود.
error-unknown_unit = وحدة غير موجودة.
error-self_reference = لا يمكن أن يشير القيد إلى نفسه.
error-cycle = سيؤدي هذا إلى حلقة مفرغة.
error-before_start = تاريخ الانتهاء يسبق تاريخ البدء.
error-out_of_range = خارج النطاق المسموح به.
error-wrong_password = كلمة المرور الحالية غير صحيحة.
error-password_too_short = { $min ->
    [zero] كلمة المرور قصيرة جدًا.
    [one] يجب ألا تقل كلمة المرور عن حرف واحد.
    [two] يجب ألا تقل كلمة المرور عن حرفين.
    [few] يجب ألا تقل كلمة المرور عن { $min } أحرف.
    [many] يجب ألا تقل كلمة المرور عن { $min } حرفًا.
   *[other] يجب ألا تقل كلمة المرور عن { $min } حرف.
}
error-too_large = الحجم كبير جدًا.
error-bad_request = الطلب غير صالح.
