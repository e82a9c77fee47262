"""Access tokens for the REST API and provisioning (SCIM): created and revoked in Plein, stored
hashed. The models live in models.py, the one write path in services.py, who may see and revoke
which token in permissions.py."""
