import Domain
import Foundation
import Markup

/// `/api`: the JSON API's reference, made by the server from the OpenAPI document it runs (the
/// one served at `/api/openapi.json`), so the page cannot disagree with the API. No script and
/// nothing from another origin: the operations by tag, each with its parameters, body and
/// answers, then every schema with its fields. Descriptions go through `CommentFormatter`
/// (escape first), which reads the document's `**bold**` and `code`.
enum APIReferencePage {
    /// The page's main content, made once (the document does not change while the server runs).
    static func main(document: JSONValue, text: Catalogue) -> HTML {
        let words = text.api
        let operations = Self.operations(document)
        let tags = operations.map(\.tag).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let schemas = (document["components"]?["schemas"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        let contents: [HTML] = tags.map { "<li><a href=\"#tag-\(anchor($0))\">\($0)</a></li>" }
        let sections: [HTML] = tags.map { tag in
            let items: [HTML] = operations.filter { $0.tag == tag }.map { operation($0, document: document, words: words) }
            return "<section aria-labelledby=\"tag-\(anchor(tag))\"><h3 id=\"tag-\(anchor(tag))\">\(tag)</h3>\(items)</section>"
        }
        let schemaItems: [HTML] = schemas.map { name, schema in self.schema(name, schema, document: document, words: words) }
        let info = document["info"]
        return """
            <link rel="stylesheet" href="\(StaticAssets.path("moderation.css"))">\
            <article class="api-reference"><h1>\(words.referenceTitle)</h1>\
            <p>\(words.referenceIntro) \(info?["title"]?.stringValue ?? "") \(info?["version"]?.stringValue ?? "")</p>\
            <p><a href="/api/openapi.json">\(words.documentLink)</a></p>\
            \(formatted(info?["description"]?.stringValue))\
            <nav aria-label="\(words.contentsLabel)"><ul>\(contents)<li><a href="#schemas">\(words.schemasHeading)</a></li></ul></nav>\
            <h2>\(words.operationsHeading)</h2>\(sections)\
            <h2 id="schemas">\(words.schemasHeading)</h2>\(schemaItems)</article>
            """
    }

    static func render(chrome: PageChrome, main: HTML) -> HTML {
        Layout.page(title: chrome.text.api.referenceTitle, chrome: chrome, showsSubscribe: false, main: main)
    }

    struct Operation {
        let method: String
        let path: String
        let tag: String
        let value: JSONValue
    }

    /// Every operation, in the document's order of paths (sorted, for a stable page) and methods.
    static func operations(_ document: JSONValue) -> [Operation] {
        let methods = ["get", "put", "post", "patch", "delete"]
        return (document["paths"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.flatMap { path, item in
            methods.compactMap { method in
                item[method].map {
                    Operation(method: method.uppercased(), path: path, tag: $0["tags"]?.arrayValue?.first?.stringValue ?? "", value: $0)
                }
            }
        }
    }

    static func operation(_ operation: Operation, document: JSONValue, words: APIText) -> HTML {
        let value = operation.value
        let id = value["operationId"]?.stringValue ?? ""
        let parameters = (value["parameters"]?.arrayValue ?? []).map { APIDocumentCheck.resolve($0, in: document) }
        let rows: [HTML] = parameters.map { parameter in
            let required = parameter["required"]?.boolValue ?? false
            return """
                <tr><td><code>\(parameter["name"]?.stringValue ?? "")</code></td><td>\(parameter["in"]?.stringValue ?? "")</td>\
                <td>\(shape(parameter["schema"] ?? .null))</td><td>\(required ? words.yes : words.no)</td>\
                <td>\(formatted(parameter["description"]?.stringValue))</td></tr>
                """
        }
        let table: HTML =
            rows.isEmpty
            ? ""
            : """
            <h5>\(words.parametersHeading)</h5><table class="dashboard-table"><thead><tr><th scope="col">\(words.fieldName)</th>\
            <th scope="col">\(words.fieldIn)</th><th scope="col">\(words.fieldType)</th><th scope="col">\(words.fieldRequiredColumn)</th>\
            <th scope="col">\(words.fieldDescription)</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let bodySchema = APIDocumentCheck.resolve(value["requestBody"] ?? .null, in: document)["content"]?["application/json"]?["schema"]
        let body: HTML = bodySchema.map { "<h5>\(words.requestBodyHeading)</h5><p>\(shape($0))</p>" } ?? ""
        let responses: [HTML] = (value["responses"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { status, raw in
            let response = APIDocumentCheck.resolve(raw, in: document)
            let content = response["content"]?.objectValue?.sorted { $0.key < $1.key }.first
            let answer: HTML = content.map { " <code>\($0.key)</code> \(Self.shape($0.value["schema"] ?? .null))" } ?? ""
            return "<li><code>\(status)</code> \(response["description"]?.stringValue ?? "")\(answer)</li>"
        }
        return """
            <section class="api-operation" aria-labelledby="op-\(anchor(id))"><h4 id="op-\(anchor(id))"><code>\(operation.method) \
            /api/v1\(operation.path)</code> <span>\(id)</span></h4><p>\(value["summary"]?.stringValue ?? "")</p>\
            \(formatted(value["description"]?.stringValue))\(table)\(body)<h5>\(words.responsesHeading)</h5><ul>\(responses)</ul></section>
            """
    }

    static func schema(_ name: String, _ schema: JSONValue, document: JSONValue, words: APIText) -> HTML {
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let properties = (schema["properties"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        let rows: [HTML] = properties.map { key, property in
            """
            <tr><td><code>\(key)</code></td><td>\(shape(property))</td><td>\(required.contains(key) ? words.yes : words.no)</td>\
            <td>\(formatted(property["description"]?.stringValue))</td></tr>
            """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>\(shape(schema))</p>"
            : """
            <table class="dashboard-table"><thead><tr><th scope="col">\(words.fieldName)</th><th scope="col">\(words.fieldType)</th>\
            <th scope="col">\(words.fieldRequiredColumn)</th><th scope="col">\(words.fieldDescription)</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
        return """
            <section aria-labelledby="schema-\(anchor(name))"><h3 id="schema-\(anchor(name))">\(name)</h3>\
            \(formatted(schema["description"]?.stringValue))\(table)</section>
            """
    }

    /// A schema's type in a few words: a link to a named schema, `string (date-time)`, `one of:
    /// a, b`, `list of X`, with its bounds.
    static func shape(_ schema: JSONValue) -> HTML {
        if let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last {
            return "<a href=\"#schema-\(anchor(String(name)))\">\(String(name))</a>"
        }
        if let branches = schema["oneOf"]?.arrayValue ?? schema["anyOf"]?.arrayValue {
            var parts: [HTML] = []
            for (index, branch) in branches.enumerated() { parts.append(index == 0 ? shape(branch) : " | \(shape(branch))") }
            return "\(parts)"
        }
        var words = APIDocumentCheck.types(of: schema).joined(separator: " | ")
        if let format = schema["format"]?.stringValue { words += " (\(format))" }
        if let choices = schema["enum"]?.arrayValue { words += ": " + choices.compactMap(APIDocumentCheck.shown).joined(separator: ", ") }
        var bounds: [String] = []
        for (key, sign) in [
            ("minLength", "≥"), ("maxLength", "≤"), ("minimum", "≥"), ("maximum", "≤"), ("minItems", "≥"), ("maxItems", "≤"),
        ] {
            if let value = schema[key].flatMap(APIDocumentCheck.shown) { bounds.append("\(key) \(sign) \(value)") }
        }
        if !bounds.isEmpty { words += " [" + bounds.joined(separator: ", ") + "]" }
        if let items = schema["items"] { return "\(words) \(shape(items))" }
        return "\(words)"
    }

    static func formatted(_ text: String?) -> HTML {
        guard let text, !text.isEmpty else { return "" }
        return HTML(trusted: CommentFormatter.render(text))
    }

    /// An id for the page's anchors: letters and digits of `name`.
    static func anchor(_ name: String) -> String {
        String(name.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init)).lowercased()
    }
}
