import { Account } from "./account.type.js";
import { connectionOf } from "./connection.js";
import { Contact } from "./contact.type.js";
import { Customer } from "./customer.type.js";
import { Location } from "./location.type.js";

export const CustomerConnection = connectionOf("Customer", Customer);
export const ContactConnection = connectionOf("Contact", Contact);
export const LocationConnection = connectionOf("Location", Location);
export const AccountConnection = connectionOf("Account", Account);
