import API
import Foundation
import HTTPTypes
import Hummingbird

/// Checks a request against its operation in the OpenAPI document before the generated code
/// reads it, so that every request that breaks the document is answered with the fields it got
/// wrong: the generated code decodes types, but does not check lengths, ranges, list sizes or
/// formats, and its own errors do not say which parameter was wrong.
///
/// The document is the one served at `/api/openapi.json` (compiled in), read once; the checks
/// are the part of JSON Schema the document uses: `type` (one or a list, `null` included),
/// `enum`, `minLength`/`maxLength` (in Unicode code points, as JSON Schema counts), `minimum`/
/// `maximum`, `minItems`/`maxItems`, `required`, `properties`, `additionalProperties: false`,
/// `format: uri` (absolute http or https), `oneOf`, `anyOf` and `$ref`.
struct APIDocumentCheck: Sendable {
    /// One refused value: which field (a parameter's name, a body property's path such as
    /// `urls[2]`, or `requestBody` for the body as a whole), why, and whether the request is
    /// malformed (400: not JSON, a wrong type, a missing or unknown field) or only holds a value
    /// the document does not allow (422: too long, out of range, not one of the choices).
    struct Finding: Sendable, Hashable {
        enum Kind: Sendable { case malformed, invalid }
        let field: String
        let detail: String
        let kind: Kind
    }

    /// An operation's parameters and body schema, looked up by method and path template.
    struct Operation: Sendable {
        let id: String
        let parameters: [Parameter]
        let body: JSONValue?
        let bodyRequired: Bool
    }

    struct Parameter: Sendable {
        let name: String
        let location: String
        let required: Bool
        let schema: JSONValue
    }

    let document: JSONValue
    /// "METHOD /path/{template}" (as in the document, without the server's `/api/v1`).
    let operations: [String: Operation]
    let text: APIText

    /// Reads the compiled-in document. It is the document the generated code was made from, so
    /// it parses: a failure here is a broken build, not a request to answer.
    static func load(text: APIText) -> APIDocumentCheck {
        guard let document = JSONValue.parse(APIDocument.json) else { preconditionFailure("openapi.json is not JSON") }
        var operations: [String: Operation] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, value) in item.objectValue ?? [:] {
                guard let id = value["operationId"]?.stringValue else { continue }
                let parameters = (value["parameters"]?.arrayValue ?? []).compactMap { raw -> Parameter? in
                    let parameter = Self.resolve(raw, in: document)
                    guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else { return nil }
                    return Parameter(
                        name: name, location: location, required: parameter["required"]?.boolValue ?? false,
                        schema: parameter["schema"] ?? .object([:]))
                }
                let body = value["requestBody"].map { Self.resolve($0, in: document) }
                operations["\(method.uppercased()) \(path)"] = Operation(
                    id: id, parameters: parameters, body: body?["content"]?["application/json"]?["schema"],
                    bodyRequired: body?["required"]?.boolValue ?? false)
            }
        }
        return APIDocumentCheck(document: document, operations: operations, text: text)
    }

    func operation(method: HTTPRequest.Method, path: String) -> Operation? {
        operations["\(method.rawValue) \(path)"]
    }

    /// Every finding of a request's parameters (`parameter(named:in:)` gives their raw text)
    /// and body (nil when it has none).
    func check(_ operation: Operation, parameter: (String, String) -> String?, body: [UInt8]?) -> [Finding] {
        var findings: [Finding] = []
        for declared in operation.parameters {
            guard let raw = parameter(declared.name, declared.location) else {
                if declared.required { findings.append(Finding(field: declared.name, detail: text.fieldRequired, kind: .malformed)) }
                continue
            }
            guard let value = Self.parameterValue(raw, schema: resolve(declared.schema)) else {
                findings.append(Finding(field: declared.name, detail: expected(resolve(declared.schema)), kind: .malformed))
                continue
            }
            check(value, against: declared.schema, field: declared.name, into: &findings)
        }
        if let schema = operation.body {
            if let body, !body.isEmpty {
                if let value = JSONValue.parse(body) {
                    check(value, against: schema, field: "", into: &findings)
                } else {
                    findings.append(Finding(field: "requestBody", detail: text.notJSON, kind: .malformed))
                }
            } else if operation.bodyRequired {
                findings.append(Finding(field: "requestBody", detail: text.bodyRequired, kind: .malformed))
            }
        }
        return findings
    }

    /// A parameter's text as the JSON value its schema declares; nil when it cannot be one.
    static func parameterValue(_ raw: String, schema: JSONValue) -> JSONValue? {
        switch types(of: schema).first {
        case "integer": Int64(raw).map(JSONValue.integer)
        case "number": Double(raw).map(JSONValue.number)
        case "boolean": raw == "true" ? .bool(true) : raw == "false" ? .bool(false) : nil
        default: .string(raw)
        }
    }

    /// Adds what is wrong with `value` under `schema` at `field` ("" for the body itself).
    func check(_ value: JSONValue, against schema: JSONValue, field: String, into findings: inout [Finding]) {
        // A hostile body could be long; a problem naming its first fifty faults says enough.
        guard findings.count < 50 else { return }
        let schema = resolve(schema)
        let name = field.isEmpty ? "requestBody" : field
        if let branches = schema["oneOf"]?.arrayValue ?? schema["anyOf"]?.arrayValue {
            let results = branches.map { branch -> [Finding] in
                var found: [Finding] = []
                check(value, against: branch, field: field, into: &found)
                return found
            }
            if !results.contains(where: \.isEmpty) { findings.append(contentsOf: results.min { $0.count < $1.count } ?? []) }
            return
        }
        let types = Self.types(of: schema)
        if !types.isEmpty, !types.contains(where: { Self.matches(value, type: $0) }) {
            findings.append(Finding(field: name, detail: expected(schema), kind: .malformed))
            return
        }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(value) {
            findings.append(
                Finding(field: name, detail: text.oneOf(choices.compactMap(Self.shown).joined(separator: ", ")), kind: .invalid))
            return
        }
        switch value {
        case .string(let string):
            checkString(string, schema, name, &findings)
        case .integer, .number:
            checkNumber(value, schema, name, &findings)
        case .array(let items):
            if let min = Self.int(schema["minItems"]), items.count < min {
                findings.append(Finding(field: name, detail: text.tooFewItems(min), kind: .invalid))
            }
            if let max = Self.int(schema["maxItems"]), items.count > max {
                findings.append(Finding(field: name, detail: text.tooManyItems(max), kind: .invalid))
                return
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { check(item, against: itemSchema, field: "\(name)[\(index)]", into: &findings) }
            }
        case .object(let fields):
            checkObject(fields, schema, field, &findings)
        case .null, .bool:
            break
        }
    }

    private func checkString(_ string: String, _ schema: JSONValue, _ name: String, _ findings: inout [Finding]) {
        let length = string.unicodeScalars.count
        if let min = Self.int(schema["minLength"]), length < min {
            findings.append(Finding(field: name, detail: text.tooShort(min), kind: .invalid))
        } else if let max = Self.int(schema["maxLength"]), length > max {
            findings.append(Finding(field: name, detail: text.tooLong(max), kind: .invalid))
        } else if schema["format"]?.stringValue == "uri", !Self.isWebURL(string) {
            findings.append(Finding(field: name, detail: text.notURL, kind: .invalid))
        }
    }

    private func checkNumber(_ value: JSONValue, _ schema: JSONValue, _ name: String, _ findings: inout [Finding]) {
        guard let number = value.numberValue else { return }
        if let min = schema["minimum"], let bound = min.numberValue, number < bound {
            findings.append(Finding(field: name, detail: text.tooSmall(Self.shown(min) ?? ""), kind: .invalid))
        } else if let max = schema["maximum"], let bound = max.numberValue, number > bound {
            findings.append(Finding(field: name, detail: text.tooBig(Self.shown(max) ?? ""), kind: .invalid))
        }
    }

    private func checkObject(_ fields: [String: JSONValue], _ schema: JSONValue, _ field: String, _ findings: inout [Finding]) {
        let properties = schema["properties"]?.objectValue ?? [:]
        let prefix = field.isEmpty ? "" : field + "."
        for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where fields[required] == nil {
            findings.append(Finding(field: prefix + required, detail: text.fieldRequired, kind: .malformed))
        }
        for key in fields.keys.sorted() {
            if let property = properties[key] {
                check(fields[key]!, against: property, field: prefix + key, into: &findings)
            } else if schema["additionalProperties"] == .bool(false) {
                findings.append(Finding(field: prefix + key, detail: text.unknownField, kind: .malformed))
            }
        }
    }

    /// "Expected a string." (or "a whole number or null"...), from the schema's types.
    func expected(_ schema: JSONValue) -> String {
        let names = text.typeNames
        let words = Self.types(of: schema).map { type -> String in
            switch type {
            case "string": names.string
            case "integer": names.integer
            case "number": names.number
            case "boolean": names.boolean
            case "array": names.array
            case "object": names.object
            default: names.null
            }
        }
        return text.expected(words.joined(separator: " / "))
    }

    func resolve(_ schema: JSONValue) -> JSONValue {
        Self.resolve(schema, in: document)
    }

    /// Follows `$ref`s within the document (a few levels; the document has no cycles at its top).
    static func resolve(_ value: JSONValue, in document: JSONValue) -> JSONValue {
        var value = value
        for _ in 0..<8 {
            guard let ref = value["$ref"]?.stringValue, ref.hasPrefix("#/") else { return value }
            var target: JSONValue? = document
            for part in ref.dropFirst(2).split(separator: "/") { target = target?[String(part)] }
            guard let found = target else { return value }
            value = found
        }
        return value
    }

    static func types(of schema: JSONValue) -> [String] {
        if let one = schema["type"]?.stringValue { return [one] }
        return schema["type"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .integer), ("number", .integer), ("number", .number): true
        // 1e3 is a whole number to JSON Schema; 1e30 is one too, and then out of range.
        case ("integer", .number(let double)): double.isFinite && double.rounded() == double
        default: false
        }
    }

    static func int(_ value: JSONValue?) -> Int? {
        guard let number = value?.numberValue, number.isFinite, abs(number) < 1e15 else { return nil }
        return Int(number)
    }

    static func shown(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): string
        case .integer(let int): String(int)
        case .number(let double): String(double)
        case .bool(let bool): String(bool)
        default: nil
        }
    }

    /// An absolute http or https URL with a host: what the document's `uri` fields take.
    static func isWebURL(_ string: String) -> Bool {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
