require ["reject"];
reject "Ce message a été refusé par le filtre de la destinataire.";
