import { registerEnumType } from "type-graphql";

/** The vendor systems, in the order a cross-source connection lists them. */
export enum SourceEnum {
  RPM = "RPM",
  WMS = "WMS",
  KOMET = "KOMET",
  CONNECT = "CONNECT",
}

registerEnumType(SourceEnum, {
  name: "Source",
  description: "A vendor system that customer records come from.",
  valuesConfig: {
    RPM: { description: "RPM: Customers / Customer / CustomerEdit procedures" },
    WMS: { description: "Warehouse system: /Customer REST resource (page-numbered, upsert, discontinue)" },
    KOMET: { description: "Komet Sales: customer.list (one unpaginated list)" },
    CONNECT: { description: "Connect API: /customers, cursor pagination" },
  },
});
