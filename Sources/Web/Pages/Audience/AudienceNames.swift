import Domain

/// The names the audience pages give statuses and sources, from the catalogue.
enum AudienceNames {
    static func status(_ status: SubscriberStatus, _ words: AudienceText) -> String {
        switch status {
        case .pending: words.statusPending
        case .active: words.statusActive
        case .unsubscribed: words.statusUnsubscribed
        case .bounced: words.statusBounced
        }
    }

    static func source(_ source: SubscriberSource, _ words: AudienceText) -> String {
        switch source {
        case .form: words.sourceForm
        case .importOptIn: words.sourceImport
        case .importConfirmed: words.sourceImportConfirmed
        case .added: words.sourceAdded
        }
    }

    /// `<option>`s of `values`, the first "any", with `selected` chosen.
    static func options<Value: RawRepresentable & Equatable>(
        _ values: [Value], selected: Value?, any: String, name: (Value) -> String
    ) -> [HTML] where Value.RawValue == String {
        ["<option value=\"\"\(selected == nil ? " selected" : "")>\(any)</option>"]
            + values.map { value in
                "<option value=\"\(value.rawValue)\"\(value == selected ? " selected" : "")>\(name(value))</option>"
            }
    }
}
