## The API reference page (/api). The operations' own summaries and
## descriptions come from the OpenAPI document and stay in English.

apidocs-title = مرجع الواجهة البرمجية (API)
apidocs-lead = كل ما يمكنك القيام به في هذه الصفحات يمكن لأي برنامج القيام به عبر واجهة JSON البرمجية، وفق قواعد الوصول نفسها.
apidocs-download = وثيقة OpenAPI (بصيغة JSON)
apidocs-create-token = إنشاء رمز وصول

apidocs-intro-title = البدء
apidocs-base-title = العنوان الأساسي
apidocs-base-text = تقع جميع العمليات الواردة أدناه تحت هذا العنوان (أما نقاط فحص سلامة الخدمة فتقع في جذر الموقع). الطلبات والردود بصيغة JSON وبترميز UTF-8، باستثناء الملفات المصدَّرة.
apidocs-auth-title = المصادقة
apidocs-auth-text = أرسل رمز وصول شخصيًا مع كل طلب، في الترويسة Authorization:
apidocs-auth-where = أنشئ رمزًا في قسم «رموز الوصول الشخصية للواجهة البرمجية» من صفحة ملفك الشخصي. لا يُعرض الرمز إلا مرة واحدة، فانسخه حينئذ.
apidocs-auth-profile = الانتقال إلى ملفي الشخصي
apidocs-auth-cli = يمكن لمسؤول النظام أيضًا إصدار رمز على الخادم، ويُطبع مرة واحدة:
apidocs-auth-try = للتجربة، احفظ الرمز في متغير واطلب معرفة هويتك:
apidocs-auth-scope = يتصرف الرمز باسمك وبصلاحيات دورك: فلا يرى ولا يغيّر إلا ما يُسمح لك به. أبطله من صفحة ملفك الشخصي حين لا تعود بحاجة إليه. أما صفحات هذا الموقع فتستخدم بدلًا منه ملف تعريف ارتباط خاصًا بالجلسة.
apidocs-errors-title = الأخطاء
apidocs-errors-text = يُرَدّ على الخطأ برمز حالة HTTP وكائن JSON: الحقل «code» رمز ثابت موجَّه للبرامج، والحقل «message» يشرحه بلغة الترويسة Accept-Language (العربية أو الإنجليزية أو الفرنسية)، والحقل «details» يقدّم مزيدًا من التفاصيل. وفي حال المدخلات غير الصالحة، تُسرد جميع الحقول غير الصالحة مع رموز أخطائها.
apidocs-status-400 = متن الطلب ليس بصيغة JSON صالحة، أو ليس كائن JSON.
apidocs-status-401 = لم يُرسَل رمز وصول، أو الرمز غير صالح (أو أُبطل).
apidocs-status-403 = لا يسمح دورك بهذا الإجراء.
apidocs-status-404 = القيد غير موجود، أو ليست لديك صلاحية الاطلاع عليه.
apidocs-status-409 = تعارض: تغيّر القيد منذ قراءتك له، أو أن القيمة مستخدمة من قبل.
apidocs-status-413 = حجم الطلب كبير جدًا.
apidocs-status-415 = لم يُرسَل متن الطلب بصيغة application/json.
apidocs-status-422 = بعض الحقول أو المعاملات غير صالحة؛ ويبيّن «details.fields» أيها ولماذا.
apidocs-paging-title = القوائم والتنقل بين الصفحات
apidocs-paging-text = يُرَدّ على طلب القائمة بصفحة واحدة من العناصر، والعدد الإجمالي للنتائج المطابقة، ومؤشر. لقراءة الصفحة التالية، أعد إرسال الطلب نفسه مع تعيين «cursor» على قيمة «next_cursor» التي تلقيتها؛ وتكون هذه القيمة null في الصفحة الأخيرة. يحدد «limit» حجم الصفحة (من 1 إلى 200، والقيمة الافتراضية 50)، ويحدد «sort» الترتيب (اسم حقل، أو اسم الحقل مسبوقًا بعلامة الطرح للترتيب التنازلي). المعامل غير المعروف أو قيمة التصفية غير المعروفة يُعدّان خطأً، ولا يُرَدّ عليهما بقائمة فارغة أبدًا.
apidocs-versions-title = الإصدارات والتعارضات
apidocs-versions-text = لكل قيد حقل «version» تزداد قيمته مع كل تغيير. لتعديل قيد، أرسل طلب PATCH يتضمن الحقول المراد تغييرها فقط والإصدار الذي قرأته آخر مرة (في متن الطلب، أو في الترويسة If-Match). وإذا غيّر أحدٌ القيد في الأثناء، يكون الرد 409 مع الرمز «version_conflict» والقيد الحالي في «details.current»، فلا يُستبدل شيء. طبّق تغييرك على القيد الحالي وأعد إرساله.
apidocs-languages-title = اللغات
apidocs-languages-text = الأسماء والعناوين المقدَّمة بعدة لغات كائنات ذات مفاتيح «ar» و«en» و«fr»؛ وما كان منها إلزاميًا يتطلب مفتاحًا واحدًا على الأقل. تُكتب التواريخ بالصيغة YYYY-MM-DD، والدول برموز ISO المكوّنة من حرفين، والوحدات برموزها.

apidocs-contents = المحتويات
apidocs-tag-partners = الشركاء
apidocs-tag-contacts = جهات الاتصال
apidocs-tag-reference-data = البيانات المرجعية
apidocs-tag-users = المستخدمون
apidocs-tag-system = النظام
apidocs-public = لا تتطلب مصادقة

apidocs-parameters = المعاملات
apidocs-body = متن الطلب
apidocs-responses = الردود
apidocs-example = مثال
apidocs-name = الاسم
apidocs-field = الحقل
apidocs-in = الموضع
apidocs-in-path = المسار
apidocs-in-query = سلسلة الاستعلام
apidocs-in-header = الترويسة
apidocs-type = النوع
apidocs-required = إلزامي
apidocs-yes = نعم
apidocs-no = لا
apidocs-description = الوصف
apidocs-status = رمز الحالة
apidocs-content = المحتوى
apidocs-one-of = إحدى القيم التالية:
apidocs-default = القيمة الافتراضية:
apidocs-range = النطاق:
apidocs-values = القيم:
apidocs-types-title = أنواع البيانات
apidocs-types-lead = بنية المتون التي تستقبلها العمليات وتردّ بها.
