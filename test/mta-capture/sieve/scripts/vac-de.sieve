require ["vacation"];
vacation :days 1 :subject "Abwesenheitsnotiz: Ich bin nicht im Büro" :addresses ["vac-de@dest.test"]
"Guten Tag,

vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 14. Dezember nicht im Büro
und habe keinen Zugriff auf meine E-Mails. Ihre Nachricht wird nicht weitergeleitet.

Mit freundlichen Grüßen
Jürgen";
