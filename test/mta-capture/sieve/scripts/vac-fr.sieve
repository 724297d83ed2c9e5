require ["vacation"];
vacation :days 1 :subject "Absence du bureau" :addresses ["vac-fr@dest.test"]
"Bonjour,

Je suis absente du bureau jusqu'au 14 décembre inclus, sans accès à ma messagerie.
Votre message ne sera pas transféré. En cas d'urgence, merci de contacter l'accueil.

Cordialement,
Élodie";
