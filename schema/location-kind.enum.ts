import { registerEnumType } from "type-graphql";

export enum LocationKindEnum {
  SITE = "SITE",
  BILLING = "BILLING",
  SHIPPING = "SHIPPING",
}

registerEnumType(LocationKindEnum, {
  name: "LocationKind",
  description: "What a location is to its customer.",
  valuesConfig: {
    SITE: { description: "A vendor location record (RPM Locations, the WMS address)" },
    BILLING: { description: "Where invoices go (Connect billing address)" },
    SHIPPING: { description: "Where goods go (Komet ship-to, Connect shipping address)" },
  },
});
