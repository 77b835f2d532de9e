## The API reference page (/api). The operations' own summaries and
## descriptions come from the OpenAPI document and stay in English.

apidocs-title = API reference
apidocs-lead = Whatever you can do in these pages, a program can do through the JSON API, under the same access rules.
apidocs-download = OpenAPI document (JSON)
apidocs-create-token = Create a token

apidocs-intro-title = Getting started
apidocs-base-title = Base address
apidocs-base-text = Every operation below is under this address (the health checks are at the root of the site). Requests and answers are JSON in UTF-8, except file exports.
apidocs-auth-title = Authentication
apidocs-auth-text = Send a personal access token with every request, in the Authorization header:
apidocs-auth-where = Create a token in the “Personal API tokens” section of your profile page. It is shown only once: copy it then.
apidocs-auth-profile = Go to my profile
apidocs-auth-cli = An administrator can also issue a token on the server; it is printed once:
apidocs-auth-try = To try it, keep the token in a variable and ask who you are:
apidocs-auth-scope = A token acts as you, with your role: it sees and changes only what you may. Revoke it on your profile page when it is no longer needed. The pages of this site use a session cookie instead.
apidocs-errors-title = Errors
apidocs-errors-text = An error answers an HTTP status and a JSON object: “code” is a stable code for programs, “message” explains it in the language of the Accept-Language header (Arabic, English or French), and “details” says more. Invalid input lists every invalid field with its error codes.
apidocs-status-400 = The body is not valid JSON, or not a JSON object.
apidocs-status-401 = No token, or a token that is not valid (or was revoked).
apidocs-status-403 = Your role does not allow this.
apidocs-status-404 = No such record, or one you may not see.
apidocs-status-409 = A conflict: the record changed since you read it, or a value is already taken.
apidocs-status-413 = The request is too large.
apidocs-status-415 = The body is not sent as application/json.
apidocs-status-422 = Some fields or parameters are not valid; “details.fields” says which and why.
apidocs-paging-title = Lists and paging
apidocs-paging-text = A list answers one page of items, the total number of matches and a cursor. To read the next page, send the same request again with “cursor” set to the “next_cursor” you received; it is null on the last page. “limit” sets the page size (1 to 200, 50 by default) and “sort” the order (a field, or the field with a minus sign for descending order). An unknown parameter or filter value is an error, never an empty list.
apidocs-versions-title = Versions and conflicts
apidocs-versions-text = Every record has a “version” that grows with each change. To change a record, send PATCH with only the fields to change and the version you last read (in the body, or in an If-Match header). If someone changed the record in the meantime, the answer is 409 with the code “version_conflict” and the current record in “details.current”: nothing is overwritten. Apply your change to the current record and send it again.
apidocs-languages-title = Languages
apidocs-languages-text = Names and titles given in several languages are objects with “ar”, “en” and “fr” keys; a required one needs at least one. Dates are written YYYY-MM-DD, countries as two-letter ISO codes, units by their code.

apidocs-contents = Contents
apidocs-tag-partners = Partners
apidocs-tag-contacts = Contacts
apidocs-tag-reference-data = Reference data
apidocs-tag-users = Users
apidocs-tag-system = System
apidocs-public = No authentication needed

apidocs-parameters = Parameters
apidocs-body = Request body
apidocs-responses = Responses
apidocs-example = Example
apidocs-name = Name
apidocs-field = Field
apidocs-in = In
apidocs-in-path = path
apidocs-in-query = query
apidocs-in-header = header
apidocs-type = Type
apidocs-required = Required
apidocs-yes = Yes
apidocs-no = No
apidocs-description = Description
apidocs-status = Status
apidocs-content = Content
apidocs-one-of = One of:
apidocs-default = Default:
apidocs-range = Range:
apidocs-values = Values:
apidocs-types-title = Data types
apidocs-types-lead = The shapes of the bodies the operations take and answer.
