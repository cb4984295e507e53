import Foundation

/// The OpenAPI document, byte for byte as it is in the repository: served at
/// `/api/openapi.json` and read by the `/api` reference page.
public enum APIDocument {
    public static let json: [UInt8] = PackageResources.openapi_json
}
